"""Read PolNeAR (BRAT standoff) attribution annotations.

A PolNeAR split is ``SPLIT/text/NAME.txt`` plus ``SPLIT/attributions/NAME_ANNOTATOR.ann``. In an
``.ann`` file, ``T`` lines are spans (``T3<TAB>Content 120 150;160 211<TAB>surface``; ``;`` separates
the fragments of a discontinuous span) and ``E`` lines tie them into one attribution
(``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``; the Source may be missing).
``Discard``/``Discuss`` spans and ``#`` notes are ignored. When an article has several annotators,
the first annotator id in sorted order is used.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    id: str                       # the E id
    content: Fragments | None
    cue: Fragments | None
    source: Fragments | None


@dataclass(frozen=True, slots=True)
class BratDocument:
    name: str
    text: str
    annotator: str | None
    attributions: tuple[Attribution, ...]
    dct: str | None = None


_ROLES = {"Content": "content", "Cue": "cue", "Source": "source"}


def parse_ann(ann: str) -> tuple[Attribution, ...]:
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        tid = parts[0]
        if tid.startswith("T") and len(parts) >= 2:
            label, _, offs = parts[1].partition(" ")
            frags = []
            for frag in offs.split(";"):
                a, _, b = frag.strip().partition(" ")
                if a.isdigit() and b.isdigit():
                    frags.append((int(a), int(b)))
            spans[tid] = (label, tuple(sorted(frags)))
        elif tid.startswith("E") and len(parts) >= 2:
            args = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                args[role] = ref
            events.append((tid, args))
    out = []
    for eid, args in events:
        roles: dict[str, Fragments | None] = {"content": None, "cue": None, "source": None}
        for role, ref in args.items():
            key = _ROLES.get(role.rstrip("0123456789"))
            if key is None or ref not in spans:
                continue
            label, frags = spans[ref]
            if label in ("Discard", "Discuss") or not frags:
                continue
            roles[key] = tuple(sorted((roles[key] or ()) + frags))   # Content2 adds fragments
        if roles["content"] is None and roles["cue"] is None and roles["source"] is None:
            continue
        out.append(Attribution(eid, roles["content"], roles["cue"], roles["source"]))
    return tuple(out)


def read_metadata(path: str | Path) -> dict[str, dict[str, str]]:
    """filename -> metadata row (publication_date, publisher, annotators, ...)."""
    with open(path, encoding="utf-8", newline="") as f:
        return {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}


def read_split(split_dir: str | Path, metadata: dict[str, dict[str, str]] | None = None
               ) -> Iterator[BratDocument]:
    """Yield one BratDocument per text file of a split, in sorted name order."""
    root = Path(split_dir)
    anns: dict[str, list[Path]] = {}
    for p in sorted((root / "attributions").glob("*.ann")):
        name, _, annotator = p.stem.rpartition("_")
        anns.setdefault(name, []).append(p)
    for txt in sorted((root / "text").glob("*.txt")):
        name = txt.stem
        text = txt.read_text(encoding="utf-8")
        files = sorted(anns.get(name, []), key=lambda p: p.stem.rpartition("_")[2])
        if files:
            ann_path = files[0]
            annotator = ann_path.stem.rpartition("_")[2]
            attrs = parse_ann(ann_path.read_text(encoding="utf-8"))
        else:
            annotator, attrs = None, ()
        dct = (metadata or {}).get(name, {}).get("publication_date")
        yield BratDocument(name, text, annotator, attrs, dct)
