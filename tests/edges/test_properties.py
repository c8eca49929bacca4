"""Property-based tests (hypothesis) over the readers, ``dateline.process`` and the HTTP API.

The promises: no input makes a reader raise (it yields Documents or named InputErrors); ``process``
either returns a Document whose every offset points into its text, or raises a DatelineError (never
another exception); no request body makes the API answer 5xx.

Bounded for ``make test`` (about a minute in all, ``derandomize`` so a run is reproducible). For a
release, run the long profile (see docs/reliability.md):

    DATELINE_HYPOTHESIS=release .venv/bin/python -m pytest tests/edges/test_properties.py -q
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dateline import process
from dateline.errors import DatelineError, InputError
from dateline.io.readers import ReadOptions, read_bytes, record_from_object
from dateline.model import Document, to_dict

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402

RELEASE = os.environ.get("DATELINE_HYPOTHESIS") == "release"
settings.register_profile("make-test", max_examples=300, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("release", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = "release" if RELEASE else "make-test"

# news-like words, digits, dates, quote marks, abbreviations and separators, mixed with any character
WORDS = ["said", "Mr.", "Mrs.", "Dr.", "March", "3,", "1987", "on", "Monday", "the", "John", "Smith", "told",
         "\"", "“", "”", "'", "(", ")", ".", ",", ";", ":", "—", "\n", "\n\n", "last", "week", "2021-02-30",
         "next", "year", "ago", "U.S.", "p.m.", "10", "percent", "he", "she", "according", "to", "Inc.",
         "Reuters", "-", "…", "?", "!", "19th", "century", "1990s", "Q2", "midnight"]
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=120).map(" ".join)
any_text = st.one_of(news_text, st.text(max_size=400))
dates = st.dates().map(lambda d: d.isoformat())
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                  st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=4)), max_leaves=12)


def _check_offsets(doc: Document) -> None:
    n = len(doc.text)
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= n
    for t in doc.timexes:
        assert 0 <= t.start < t.end <= n and doc.text[t.start:t.end] == t.text
    for m in doc.mentions:
        assert 0 <= m.start < m.end <= n
    for q in doc.quotes:
        assert all(0 <= a <= b <= n for a, b in q.spans)
    for e in doc.events:
        assert 0 <= e.start <= e.end <= n and doc.text[e.start:e.end] == e.text
    json.dumps(to_dict(doc), ensure_ascii=False).encode("utf-8")


@settings(settings.get_profile(PROFILE))
@given(text=any_text, dct=dates)
def test_process_returns_a_consistent_document_or_a_named_error(text, dct):
    try:
        doc = process(text, dct)
    except DatelineError:
        return
    _check_offsets(doc)


@settings(settings.get_profile(PROFILE))
@given(text=st.text(alphabet=st.characters(exclude_categories=()), max_size=50), dct=dates)
def test_process_names_text_that_is_not_unicode(text, dct):
    """Lone surrogates included (``exclude_categories=()`` lets them be drawn): a DL302, never a crash."""
    try:
        _check_offsets(process(text, dct))
    except DatelineError:
        pass


@settings(settings.get_profile(PROFILE))
@given(data=st.one_of(st.binary(max_size=600), news_text.map(lambda t: t.encode("utf-8")),
                      st.tuples(dates, news_text).map(lambda x: f"date {x[0]}\n{x[1]}".encode("utf-8")),
                      st.lists(json_values, max_size=5).map(
                          lambda xs: "\n".join(json.dumps(x) for x in xs).encode("utf-8"))),
       name=st.sampled_from(["a.txt", "a.jsonl", "a.json", "a"]))
def test_readers_yield_records_or_named_errors(data, name):
    for rec in read_bytes(data, name, ReadOptions()):
        assert isinstance(rec, (Document, InputError))
        if isinstance(rec, Document):
            assert isinstance(rec.id, str) and isinstance(rec.text, str) and rec.text.strip()
            rec.text.encode("utf-8")


@settings(settings.get_profile(PROFILE))
@given(obj=st.dictionaries(st.sampled_from(["id", "text", "date", "dct", "title", "body", "x"]), json_values,
                           max_size=6))
def test_any_json_object_is_a_record_or_a_named_error(obj):
    rec = record_from_object(obj, "feed.jsonl:1", "1", ReadOptions())
    assert isinstance(rec, (Document, InputError))
    if isinstance(rec, Document):
        assert isinstance(rec.id, str) and not rec.id.startswith("{")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient
    from dateline.api.app import create_app
    return TestClient(create_app(fx.build_db(tmp_path_factory.mktemp("prop") / "api.db")),
                      base_url="http://127.0.0.1")


@settings(settings.get_profile(PROFILE), max_examples=120 if not RELEASE else 2000)
@given(body=st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()),
                      st.fixed_dictionaries({"text": any_text, "dct": st.one_of(dates, json_scalars)},
                                            optional={"id": json_values, "meta": json_values}).map(
                          lambda d: json.dumps(d).encode())))
def test_no_body_makes_the_api_answer_5xx(client, body):
    r = client.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code < 500, (body[:200], r.text[:300])


@settings(settings.get_profile(PROFILE), max_examples=120 if not RELEASE else 2000)
@given(path=st.sampled_from(["/api/quotes", "/api/people", "/api/timeline", "/api/documents"]),
       params=st.dictionaries(st.sampled_from(["q", "speaker", "person", "since", "until", "page", "page_size",
                                               "label", "name", "limit"]), st.text(max_size=20), max_size=4))
def test_no_query_makes_the_api_answer_5xx(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code < 500, (path, params, r.text[:300])
