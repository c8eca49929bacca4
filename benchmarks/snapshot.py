"""Whole-pipeline outputs on the shared data sets, for checking that a refactor changes nothing.

    .venv/bin/python benchmarks/snapshot.py OUT_DIR [--sets tbaq,wikiwars,tweets,polnear,reuters,seed]
    .venv/bin/python benchmarks/snapshot.py OUT_DIR --compare BASELINE_DIR

Writes one JSONL file per set (every document's ``to_dict``, in a fixed order, plus the warnings) and
prints a SHA-256 per set. ``--compare`` names every set that differs from a baseline and shows the first
differing documents. Each set runs with a pinned document type (TBAQ, PolNeAR, Reuters and the reference
article as news, WikiWars as narrative, the tweets as colloquial), so a change of the default does not
show up as a difference here.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from dateline import Document, Pipeline, Settings
from dateline.model.serialize import to_dict

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEED = DATA.parent / "examples" / "seed-article.txt"
SETS = ("tbaq", "wikiwars", "tweets", "polnear", "reuters", "seed")


def _timeml(folders: list[Path]):
    from dateline.io.timeml import input_files, read
    for folder in folders:
        for p in input_files(folder):
            t = read(p)
            yield Document(id=t.docid, text=t.text, dct=t.dct)


def _polnear():
    from dateline.io.brat import read_metadata, read_split
    root = DATA / "attribution" / "polnear"
    for bd in read_split(root / "dev", read_metadata(root / "metadata.tsv")):
        yield Document(id=bd.name, text=bd.text, dct=bd.dct or "2016-01-01")


def _reuters():
    from dateline.io.readers import ReadOptions, read_inputs
    for r in read_inputs([str(DATA / "corpus" / "reuters21578.jsonl")], ReadOptions()):
        if isinstance(r, Document):
            yield r


def _seed():
    raw = SEED.read_text(encoding="utf-8")
    m = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s*", raw)
    yield Document(id="seed", text=raw[m.end():], dct=m.group(1))


def sources():
    tm = DATA / "timeml"
    return {
        "tbaq": ("news", lambda: _timeml([tm / "tbaq" / "TimeBank", tm / "tbaq" / "AQUAINT"])),
        "wikiwars": ("narrative", lambda: _timeml([tm / "wikiwars" / "train"])),
        "tweets": ("colloquial", lambda: _timeml([tm / "tweets" / "train"])),
        "polnear": ("news", _polnear),
        "reuters": ("news", _reuters),
        "seed": ("news", _seed),
    }


def write_set(name: str, out_dir: Path) -> str:
    doc_type, docs = sources()[name]
    nlp = Pipeline(settings=Settings(document_type=doc_type))
    h = hashlib.sha256()
    path = out_dir / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for d in docs():
            out = nlp(d)
            row = to_dict(out)
            row["warnings"] = list(out.warnings)
            line = json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
            f.write(line)
            h.update(line.encode("utf-8"))
    return h.hexdigest()


def compare(out_dir: Path, base_dir: Path, names, show: int = 3) -> int:
    bad = 0
    for name in names:
        a, b = out_dir / f"{name}.jsonl", base_dir / f"{name}.jsonl"
        if not b.exists():
            print(f"{name}: no baseline at {b}")
            bad += 1
            continue
        la, lb = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
        diffs = [i for i in range(max(len(la), len(lb)))
                 if i >= len(la) or i >= len(lb) or la[i] != lb[i]]
        print(f"{name}: {'identical' if not diffs else f'{len(diffs)} of {len(lb)} documents differ'}")
        for i in diffs[:show]:
            da = json.loads(la[i]) if i < len(la) else {}
            db = json.loads(lb[i]) if i < len(lb) else {}
            keys = [k for k in sorted(set(da) | set(db)) if da.get(k) != db.get(k)]
            print(f"  document {i} ({db.get('id') or da.get('id')}): fields {keys}")
        bad += bool(diffs)
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--compare", metavar="BASELINE_DIR")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA}: not found (the snapshot reads ../shared/data)", file=sys.stderr)
        return 2
    names = [s for s in args.sets.split(",") if s]
    unknown = set(names) - set(SETS)
    if unknown:
        print(f"unknown sets {sorted(unknown)}; known: {', '.join(SETS)}", file=sys.stderr)
        return 2
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        print(f"{name}\t{write_set(name, out_dir)}", flush=True)
    return compare(out_dir, Path(args.compare), names) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
