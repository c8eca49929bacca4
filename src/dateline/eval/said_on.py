"""Score ``said_on`` (when the attributed words were said) against hand-annotated PolNeAR dev attributions.

The gold file (``tests/eval/said_on_polnear_dev.tsv``) holds rows ``file, content start, content end, value``:
attributions whose sentence states when they were made, with that date as a TIMEX3 value at the granularity
the text states (day, ISO week, month, year, decade). No text is copied; the articles are read from the PolNeAR
split. Each row is *matched* by the predicted quote whose content shares the most characters with the row's
content; ``accuracy`` is the share of matched rows whose ``said_on`` equals the gold value, ``coverage`` the share
of rows matched at all.

    python -m dateline.eval.said_on [SPLIT_DIR] [METADATA_TSV] [--gold TSV]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..io.brat import read_metadata, read_split

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "tests" / "eval" / "said_on_polnear_dev.tsv"
DATA = ROOT.parent / "shared" / "data" / "attribution" / "polnear"


@dataclass
class SaidOnScores:
    rows: int = 0
    matched: int = 0
    correct: int = 0
    errors: list = field(default_factory=list)       # (file, start, end, gold, predicted)

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 0.0

    @property
    def coverage(self) -> float:
        return self.matched / self.rows if self.rows else 0.0


def read_gold(path: str | Path) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise ValueError(f"{path}:{n}: expected file, start, end, value; found {line!r}")
        out.setdefault(cols[0], []).append((int(cols[1]), int(cols[2]), cols[3]))
    return out


def _best_quote(quotes, a: int, b: int):
    best, size = None, 0
    for q in quotes:
        shared = sum(max(0, min(y, b) - max(x, a)) for x, y in q.spans)
        if shared > size:
            best, size = q, shared
    return best


def evaluate(split_dir: str | Path = DATA / "dev", metadata_tsv: str | Path | None = DATA / "metadata.tsv",
             gold: str | Path = GOLD, pipeline=None) -> SaidOnScores:
    from ..model import Document
    from ..pipeline import Pipeline
    rows = read_gold(gold)
    meta = read_metadata(metadata_tsv) if metadata_tsv else {}
    nlp = pipeline or Pipeline()
    scores = SaidOnScores()
    for bd in read_split(split_dir, meta):
        wanted = rows.get(bd.name)
        if not wanted:
            continue
        doc = nlp(Document(id=bd.name, text=bd.text, dct=bd.dct or "2016-01-01"))
        for a, b, value in wanted:
            scores.rows += 1
            q = _best_quote(doc.quotes, a, b)
            if q is None:
                continue
            scores.matched += 1
            if q.said_on == value:
                scores.correct += 1
            else:
                scores.errors.append((bd.name, a, b, value, q.said_on))
    return scores


def format_scores(s: SaidOnScores) -> str:
    return (f"said_on: {100 * s.accuracy:.1f}% right of {s.matched} matched attributions "
            f"({s.correct} right); {s.matched} of {s.rows} annotated attributions matched "
            f"({100 * s.coverage:.1f}%)")


def main(split_dir: str | None = None, metadata_tsv: str | None = None, gold: str | None = None,
         out: TextIO | None = None) -> int:
    s = evaluate(split_dir or DATA / "dev", metadata_tsv or DATA / "metadata.tsv", gold or GOLD)
    print(format_scores(s), file=out or sys.stdout)
    return 0


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(prog="python -m dateline.eval.said_on", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split_dir", nargs="?")
    ap.add_argument("metadata_tsv", nargs="?")
    ap.add_argument("--gold")
    ap.add_argument("--errors", action="store_true", help="list the rows that came out wrong")
    a = ap.parse_args()
    if a.errors:
        res = evaluate(a.split_dir or DATA / "dev", a.metadata_tsv or DATA / "metadata.tsv", a.gold or GOLD)
        for e in res.errors:
            print(*e, sep="\t")
        print(format_scores(res))
        sys.exit(0)
    sys.exit(main(a.split_dir, a.metadata_tsv, a.gold))
