"""What a user writes against the public API; ``mypy --strict`` must pass on it (py.typed)."""
from __future__ import annotations

import json

import dateline
from dateline import Document, Pipeline, Settings


def speakers(text: str, dct: str) -> list[tuple[str | None, str | None, str]]:
    doc: Document = dateline.process(text, dct=dct)
    return [(q.speaker_name, q.said_on, q.text) for q in doc.quotes]


def times(texts: list[str], dct: str) -> dict[str, list[str | None]]:
    nlp = Pipeline(["segment", "timex_extract", "timex_anchor"], settings=Settings(document_type="news"))
    out: dict[str, list[str | None]] = {}
    for i, text in enumerate(texts):
        doc = nlp(text, dct=dct, id=f"a{i}")
        out[doc.id] = [t.value for t in doc.timexes]
    return out


def round_trip(doc: Document) -> Document:
    data: dict[str, object] = doc.to_dict()
    again = Document.from_dict(json.loads(doc.to_json()))
    assert again.to_dict() == data
    return again


def safe(text: str) -> str:
    try:
        return Pipeline()(text, dct="not a date").to_json(indent=2)
    except dateline.DatelineError as e:
        return e.message


if __name__ == "__main__":
    print(speakers('"We will rebuild," Mayor Ana Lopez said on Monday.', "2024-03-08"))
    print(times(["The council voted on Tuesday."], "2024-03-08"))
    print(safe("x"))
