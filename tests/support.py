"""Helpers shared by the tests (imported as ``support``; ``conftest`` only registers fixtures).

A plain module, because tests/browser has a conftest of its own and two modules named ``conftest``
cannot both be imported by name."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "seed-article.txt"
SCHEMA_PATH = ROOT / "src" / "dateline" / "resources" / "schema" / "document.schema.json"


def seed_article() -> tuple[str, str]:
    """(dct, text) of the reference article; skips where ../shared is absent."""
    raw = need_shared(SEED).read_text(encoding="utf-8")
    m = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s*", raw)
    assert m, "expected a first line 'date YYYY-MM-DD'"
    return m.group(1), raw[m.end():]


def need_shared(path: Path) -> Path:
    """Skip (with the reason) where ../shared is absent, as on a machine without the data."""
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared evaluation data")
    return path


@lru_cache(maxsize=1)
def _validator():
    import jsonschema
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def assert_valid(obj: dict) -> None:
    """Validate one output document against the shipped JSON Schema, with offsets checked too."""
    errors = sorted(_validator().iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    text = obj["text"]
    for t in obj["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"], t
    for e in obj["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"], m
    for q in obj["quotes"]:
        for a, b in q["spans"]:
            assert 0 <= a < b <= len(text), q
        for key in ("speaker", "cue"):
            if q[key]:
                assert text[q[key]["start"]:q[key]["end"]] == q[key]["text"], q
    for ev in obj["events"]:
        assert text[ev["start"]:ev["end"]] == ev["text"], ev
    from dateline.stages.timeline import sort_key
    dates = [t["date"] for t in obj["timeline"]]
    assert dates == sorted(dates, key=sort_key)


def golden_rows(path: Path) -> list:
    """One pytest param per row of a golden JSONL table (rows without "text" are comments), id file:line."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        obj = json.loads(line)
        if "text" in obj:
            rows.append(pytest.param(obj, id=f"{path.name}:{n}"))
    return rows

