"""Golden TIMEX3 tables (tests/golden/timex/*.tsv, one DCT per file) and the must-not-match list.

A failing row prints the rule that fired (or "no rule").
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
_HEADER = re.compile(r"#\s*dct=(\d{4}-\d{2}-\d{2}).*?document_type=(\w+)")


@lru_cache(maxsize=4)
def pipeline(document_type: str) -> Pipeline:
    return Pipeline(["segment", "timex_extract", "timex_anchor"], Settings(document_type=document_type))


def golden_rows():
    rows = []
    for path in sorted((GOLDEN / "timex").glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        m = _HEADER.match(lines[0])
        assert m, f"{path.name}: the first line must pin 'dct=YYYY-MM-DD ... document_type=...'"
        for n, line in enumerate(lines[1:], 2):
            if not line.strip() or line.startswith("#") or line.startswith("text\t"):
                continue
            text, span, typ, value = line.split("\t")
            rows.append(pytest.param(m.group(1), m.group(2), text, span, typ, value, id=f"{path.name}:{n}"))
    return rows


def describe(doc: Document) -> str:
    return "; ".join(f"{t.text!r} {t.type} {t.value} mod={t.mod} rule={t.rule}" for t in doc.timexes) or "no rule"


@pytest.mark.parametrize("dct,document_type,text,span,typ,value", golden_rows())
def test_golden(dct, document_type, text, span, typ, value):
    doc = pipeline(document_type)(Document(id="g", text=text, dct=dct))
    found = [t for t in doc.timexes if t.text == span]
    assert found, f"no timex {span!r}; found: {describe(doc)}"
    t = found[0]
    assert (t.type, t.value) == (typ, value), f"{span!r}: expected {typ} {value}, got {t.type} {t.value} (rule {t.rule})"
    assert t.spec is None or t.anchor is not None


def negative_rows():
    path = GOLDEN / "negative" / "en.txt"
    return [pytest.param(line, id=f"en.txt:{n}")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("text", negative_rows())
def test_negative(text):
    doc = pipeline("news")(Document(id="n", text=text, dct="2024-03-05"))
    assert not doc.timexes, f"expected no timex, found: {describe(doc)}"
