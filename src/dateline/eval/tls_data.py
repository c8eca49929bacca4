"""Timeline17-style topic folders: ``articles.jsonl`` (``{"id", "time", "text", "source"}``, text
Penn-Treebank-tokenised, one paragraph a line), ``timelines.jsonl`` (one reference timeline a line,
``[["YYYY-MM-DD", ["sentence", ...]], ...]``) and ``keywords.json`` (the topic's query terms).

Articles are read as Documents with the tokenisation undone (``io.ptb.detokenize``), the publication
date as ``dct`` and the outlet in ``meta["outlet"]``; ``python scripts/t17_articles.py TOPIC OUT.jsonl``
writes the same records for ``dateline ingest``, so the store holds what the evaluation reads.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..io.ptb import detokenize
from ..model import Document


@dataclass(frozen=True)
class Topic:
    name: str
    path: Path
    timelines: tuple[dict[str, list[str]], ...]
    keywords: tuple[str, ...]


def article_records(path: str | Path) -> Iterator[dict]:
    """The topic's articles as plain JSON records: id, date, text (detokenised), outlet."""
    with open(Path(path) / "articles.jsonl", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            a = json.loads(line)
            if not str(a.get("text") or "").strip():
                continue            # an empty article (Timeline17 has a few): nothing to read
            yield {"id": str(a["id"]), "date": str(a["time"])[:10], "text": detokenize(a["text"]),
                   "outlet": str(a.get("source") or "")}


def documents(path: str | Path) -> Iterator[Document]:
    for r in article_records(path):
        yield Document(id=r["id"], text=r["text"], dct=r["date"], meta={"outlet": r["outlet"]})


def read_topic(path: str | Path) -> Topic:
    p = Path(path)
    if not (p / "articles.jsonl").is_file() or not (p / "timelines.jsonl").is_file():
        raise FileNotFoundError(f"{p}: expected a topic folder with articles.jsonl and timelines.jsonl")
    timelines = []
    for line in (p / "timelines.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            timelines.append({str(d)[:10]: list(sents) for d, sents in json.loads(line)})
    kw = p / "keywords.json"
    keywords = tuple(json.loads(kw.read_text(encoding="utf-8"))) if kw.is_file() else ()
    return Topic(p.name, p, tuple(timelines), keywords)
