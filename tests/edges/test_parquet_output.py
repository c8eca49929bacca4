"""Parquet output: the Arrow schema mirrors ``to_dict``; files are queryable by DuckDB."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.io.parquet_out import SCHEMA, row_from_dict, table_from_docs
from dateline.model import Document, to_dict
from dateline.model.records import Entity, Event, Mention, Quote, Span, TimelineEntry, Timex
from dateline.runners.local import run_batch

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "crawl"))
from make_corpus import make_jsonl  # noqa: E402

TEXT = 'Mayor Elena Brandt said on Monday: "The bridge will reopen next Friday."'


def full_doc() -> Document:
    """A document with every kind of record filled in (built by hand, independent of the stages)."""
    return Document(
        id="d1", text=TEXT, dct="2024-03-05", meta={"title": "Bridge", "rank": 3, "paid": False},
        timexes=(Timex("t1", 24, 33, "on Monday", "DATE", "2024-03-04", anchor="t0", rule="date_weekday"),
                 Timex("t2", 60, 71, "next Friday", "DATE", "2024-03-08", mod="APPROX", anchor="t0"),
                 Timex("t3", 0, 5, "Mayor", "SET", "P1W", quant="EVERY", freq="2X")),
        mentions=(Mention("m1", 0, 18, "Mayor Elena Brandt", "PERSON", "name", "ent1"),),
        entities=(Entity("ent1", "PERSON", "Elena Brandt", ("m1",), {"gender": "female", "title": "Mayor"}),),
        quotes=(Quote("q1", "direct", ((36, 71),), "The bridge will reopen next Friday.",
                      speaker=Span(0, 18, "Mayor Elena Brandt"), speaker_entity="ent1",
                      speaker_name="Elena Brandt", cue=Span(19, 23, "said"), said_on="2024-03-04",
                      rule="quote_colon"),
                Quote("q2", "indirect", ((40, 46), (47, 51)), "bridge will")),
        events=(Event("e1", 36, 71, "The bridge will reopen", "2024-03-08", "t2", ("ent1",), "reopen"),),
        timeline=(TimelineEntry("2024-03-04", (), ("q1",)), TimelineEntry("2024-03-08", ("e1",), ())),
        warnings=("DL401: something odd",))


def test_every_field_of_to_dict_round_trips(tmp_path):
    doc = full_doc()
    d = to_dict(doc)
    pq.write_table(table_from_docs([doc]), tmp_path / "x.parquet")
    [row] = pq.read_table(tmp_path / "x.parquet").to_pylist()
    assert row["schema_version"] == d["schema_version"] and row["text"] == TEXT
    assert dict(row["meta"]) == {"title": "Bridge", "rank": "3", "paid": "false"}
    assert row["warnings"] == d["warnings"]
    # list-of-struct columns hold exactly to_dict's records (absent optional keys -> null)
    for name in ("timexes", "quotes", "events", "timeline"):
        assert row[name] == [{k: x.get(k) for k in r} for x, r in zip(d[name], row[name])], name
        assert all(set(x) <= set(r) for x, r in zip(d[name], row[name])), name
    [e] = row["entities"]
    assert dict(e["attributes"]) == d["entities"][0]["attributes"]
    assert e["mentions"] == d["entities"][0]["mentions"]


def test_schema_covers_to_dict_keys():
    d = to_dict(full_doc())
    assert set(d) == set(SCHEMA.names)
    row = row_from_dict(d)
    for name in ("timexes", "entities", "quotes", "events", "timeline"):
        struct = SCHEMA.field(name).type.value_type
        assert set(d[name][0]) <= {f.name for f in struct}, name
    assert set(row) == set(SCHEMA.names)


def test_batch_parquet_matches_batch_jsonl(tmp_path):
    src = make_jsonl(tmp_path / "c.jsonl", 60, bad_every=9)
    run_batch([str(src)], tmp_path / "o.jsonl", workers=0, chunk_size=8)
    res = run_batch([str(src)], tmp_path / "o.parquet", fmt="parquet", workers=2, chunk_size=8)
    assert (res.failed, res.skipped) == (4, 2)
    table = pq.read_table(tmp_path / "o.parquet")
    assert table.schema.equals(SCHEMA)
    want = [row_from_dict(json.loads(x)) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    got = table.to_pylist()
    for r in want:
        r["meta"] = sorted(r["meta"])
    for r in got:
        r["meta"] = sorted(r["meta"])
    assert got == want
    assert (tmp_path / "o.parquet.errors.jsonl").read_bytes() == (tmp_path / "o.jsonl.errors.jsonl").read_bytes()


def test_parquet_output_is_deterministic(tmp_path):
    src = make_jsonl(tmp_path / "c.jsonl", 30)
    run_batch([str(src)], tmp_path / "a.parquet", fmt="parquet", workers=0, chunk_size=4)
    run_batch([str(src)], tmp_path / "b.parquet", fmt="parquet", workers=2, chunk_size=4)
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_duckdb_queries_the_file(tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (optional, docs example only)")
    pq.write_table(table_from_docs([full_doc()]), tmp_path / "x.parquet")
    con = duckdb.connect()
    rows = con.execute(f"""
        SELECT id, dct, q.speaker_name, q.said_on, q.text
        FROM read_parquet('{tmp_path / "x.parquet"}'), UNNEST(quotes) AS u(q)
        WHERE q.speaker_name IS NOT NULL""").fetchall()
    assert rows == [("d1", "2024-03-05", "Elena Brandt", "2024-03-04", "The bridge will reopen next Friday.")]
    n = con.execute(f"SELECT meta['title'] FROM read_parquet('{tmp_path / 'x.parquet'}')").fetchone()[0]
    assert n in ("Bridge", ["Bridge"])
