#!/usr/bin/env python
"""Our TempEval-3 Task A scorer next to the official toolkit's, on the same files: one row each.

    .venv/bin/python benchmarks/scorer_parity.py [--sets tbaq,wikiwars,tweets] [--data ../shared/data/timeml]
    .venv/bin/python benchmarks/scorer_parity.py --gold GOLD_DIR --system SYS_DIR      # any two folders

For each set it tags the gold files with ``dateline timeml`` (document type news / narrative / colloquial),
puts gold and system files into two flat folders under the gold file names (the toolkit pairs files by
name), copies the toolkit (``--toolkit``, Python 2.7 + Java) to a temporary folder, runs its
``TE3-evaluation.py`` and ``dateline.eval.timeml`` on those two folders, and prints a Markdown table of
strict / relaxed / value / type F1 as the toolkit prints them (rounded to 2 places). With ``--pairs`` it
also runs the toolkit's normalizer (TimeML-Normalizer.jar) on its own and checks, document by document,
that it pairs the same gold and system TIMEX3 as ``dateline.eval.te3_align`` does.
Documents whose TEXT holds a ``|`` are left out of both: the toolkit's tokenizer rewrites ``|`` as ``-``
and its normalizer then stops on the first such file. ``--python2`` is the toolkit's interpreter; the toolkit
itself calls ``python`` and ``java``, so with pyenv ``PYENV_VERSION=2.7.18`` is set for it.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.eval import timeml as scorer          # noqa: E402
from dateline.eval.te3_align import elements, shared_ids   # noqa: E402
from dateline.io.timeml import _TEXT, input_files, read_xml   # noqa: E402

SETS = {"tbaq": ("TBAQ", "tbaq", "news"), "wikiwars": ("WikiWars train", "wikiwars/train", "narrative"),
        "tweets": ("Tweets train", "tweets/train", "colloquial")}
KEYS = ("strict_f1", "relaxed_f1", "value_f1", "type_f1")
_BLOCK = re.compile(r"=== Timex Performance ===\s*Strict Match.*?\n\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*"
                    r"Relaxed Match.*?\n\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*Attribute F1.*?\n\s*([\d.]+)\s+([\d.]+)")


def flatten(gold_dir: Path, sys_dir: Path, work: Path) -> tuple[Path, Path, list[str]]:
    """work/gold and work/system with one file per gold document, same names; skipped DOCIDs."""
    g_out, s_out = work / "gold", work / "system"
    g_out.mkdir(parents=True)
    s_out.mkdir()
    sys_docs = {}
    for p in input_files(sys_dir):
        sys_docs[scorer.load(p).docid] = p
        sys_docs.setdefault(p.name.split(".")[0], p)
    skipped = []
    for p in input_files(gold_dir):
        g = scorer.load(p)
        s = sys_docs.get(g.docid) or sys_docs.get(p.name.split(".")[0])
        if s is None:
            raise SystemExit(f"no system file for {p}")
        if "|" in g.text:
            skipped.append(g.docid)
            continue
        shutil.copy(p, g_out / p.name)
        shutil.copy(s, s_out / p.name)
    return g_out, s_out, skipped


def official(tk: Path, python2: str, gold: Path, system: Path) -> dict[str, float]:
    """The toolkit's four F1 (``tk``: a writable copy of the toolkit)."""
    env = dict(os.environ)
    env.setdefault("PYENV_VERSION", "2.7.18")
    run = subprocess.run([python2, "TE3-evaluation.py", str(gold.resolve()), str(system.resolve()), "0"],
                         cwd=tk, env=env, capture_output=True, text=True, check=False)
    out = run.stdout + run.stderr
    m = _BLOCK.search(out)
    if not m or "TEXTS NOT SAME" in out or "Errors found" in out:
        raise SystemExit(f"the toolkit did not score {gold}:\n{out[-3000:]}")
    v = [float(x) for x in m.groups()]
    return {"strict_f1": v[0], "relaxed_f1": v[3], "value_f1": v[6], "type_f1": v[7]}


def _spans(path: Path) -> dict[str, tuple[int, int]]:
    """tid -> span of the TIMEX3 of a normalized file (the DCT's t0 left out)."""
    _, els, _ = elements(_TEXT.search(read_xml(path)).group(1))
    return {e.attrs.get("tid", ""): (e.start, e.end) for e in els if e.name == "TIMEX3"}


def differing_pairs(tk: Path, gold: Path, system: Path, work: Path) -> list[str]:
    """Files where the jar's normalizer and ours count or pair different TIMEX3."""
    jg, js = work / "jar" / "gold", work / "jar" / "system"
    shutil.copytree(gold, jg)
    shutil.copytree(system, js)
    subprocess.run(["java", "-jar", "TimeML-Normalizer/TimeML-Normalizer.jar", "-a", f"{jg};{js}"],
                   cwd=tk, check=True, capture_output=True)
    differ = []
    for gp in sorted(gold.iterdir()):
        g, s = scorer.load(gp), scorer.load(system / gp.name)
        gi, si = shared_ids(g.tags, s.tags)
        gs = {i: (g.elements[e].start, g.elements[e].end) for e, i in gi.items()}
        ss = {i: (s.elements[e].start, s.elements[e].end) for e, i in si.items()}
        ours = (set(gs.values()), set(ss.values()), {(gs[i], ss[i]) for i in gs.keys() & ss.keys()})
        jgs, jss = _spans(work / "jar" / "gold-normalized" / gp.name), _spans(work / "jar" / "system-normalized" / gp.name)
        jar = (set(jgs.values()), set(jss.values()), {(jgs[t], jss[t]) for t in jgs.keys() & jss.keys()})
        if ours != jar:
            differ.append(gp.name)
    return differ


def ours(gold: Path, system: Path) -> dict[str, float]:
    m = scorer.metrics(scorer.score_dirs(str(gold), str(system)))
    return {k: round(m[k], 2) for k in KEYS}


def tag(in_dir: Path, out_dir: Path, doc_type: str) -> None:
    subprocess.run([sys.executable, "-m", "dateline.cli.timeml_cmd", str(in_dir), str(out_dir),
                    "--document-type", doc_type], check=True, capture_output=True)


def compare(name: str, gold_dir: Path, sys_dir: Path, a: argparse.Namespace) -> tuple[list[str], list[str]]:
    """Table rows (ours, the toolkit's) and notes for one set."""
    with tempfile.TemporaryDirectory(prefix="parity-") as tmp:
        gold, system, skipped = flatten(gold_dir, sys_dir, Path(tmp))
        tk = Path(tmp) / "toolkit"
        shutil.copytree(a.toolkit, tk)
        n = len(list(gold.iterdir()))
        rows = [("dateline.eval.timeml", ours(gold, system)), ("TempEval-3 toolkit", official(tk, a.python2, gold, system))]
        differ = differing_pairs(tk, gold, system, Path(tmp)) if a.pairs else None
    note = f"{n} docs" + (f"; {len(skipped)} holding a vertical bar left out" if skipped else "")
    lines = [f"| {name} ({note}) | {who} | " + " | ".join(f"{r[k]:.2f}" for k in KEYS) + " |" for who, r in rows]
    diff = max(abs(rows[0][1][k] - rows[1][1][k]) for k in KEYS)
    notes = [f"{name}: largest difference {diff:.2f}" + (f"; left out: {', '.join(skipped)}" if skipped else "")]
    if differ is not None:
        notes.append(f"{name}: pairs differ from the jar's in {len(differ)} of {n} documents {differ[:10]}")
    return lines, notes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "timeml")
    ap.add_argument("--toolkit", type=Path, default=ROOT.parent / "shared" / "tools" / "tempeval3_toolkit")
    ap.add_argument("--python2", default="python2.7")
    ap.add_argument("--sets", default="tbaq,wikiwars,tweets")
    ap.add_argument("--gold", type=Path)
    ap.add_argument("--system", type=Path)
    ap.add_argument("--pairs", action="store_true", help="also compare the pairs with the jar's, per document")
    a = ap.parse_args()
    lines = ["| set | scorer | strict F1 | relaxed F1 | value F1 | type F1 |", "|---|---|---|---|---|---|"]
    notes: list[str] = []
    runs = [(a.gold.name, a.gold, a.system, None)] if a.gold and a.system else \
        [(SETS[k][0], a.data / SETS[k][1], None, SETS[k][2]) for k in a.sets.split(",")]
    for name, gold, system, doc_type in runs:
        with tempfile.TemporaryDirectory(prefix="parity-sys-") as out:
            if system is None:
                system = Path(out)
                tag(gold, system, doc_type)
            rows, more = compare(name, gold, system, a)
        lines += rows
        notes += more
    print("\n".join(lines + [""] + notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
