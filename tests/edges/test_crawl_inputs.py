"""Crawl inputs: HTML pages, WARC/WARC.gz, Parquet and CSV, through ``extract`` and ``batch``."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.errors import DateInputError, InputError
from dateline.io.crawl import iter_items, materialize, reader_for
from dateline.io.readers import ReadOptions, read_inputs
from dateline.model import Document
from dateline.runners.local import run_batch

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "crawl"))
from make_corpus import article  # noqa: E402

FIX = Path(__file__).parent.parent / "fixtures" / "crawl"
PAGES = {"harbour_bridge": "https://courier.example/news/harbour-bridge-reopens",
         "orchard_festival": "https://millbrook.example/2023/09/orchard-festival",
         "no_date": "https://wendle.example/river-clean-up"}


def _records(paths, **opts):
    return list(read_inputs([str(p) for p in paths], ReadOptions(**opts)))


# -- HTML ---------------------------------------------------------------------------------------------
def test_html_text_title_and_date_from_meta():
    [doc] = _records([FIX / "harbour_bridge.html"])
    assert isinstance(doc, Document)
    assert doc.id == "harbour_bridge" and doc.dct == "2024-03-05"
    assert doc.meta["title"] == "Harbour bridge to reopen after repairs"
    assert "Mayor Elena Brandt" in doc.text and "steel deck" in doc.text
    assert "Privacy" not in doc.text and "Sport" not in doc.text      # boilerplate is gone


def test_html_date_from_json_ld():
    [doc] = _records([FIX / "orchard_festival.html"])
    assert doc.dct == "2023-09-18" and "Ruth Abernethy" in doc.text
    assert "Most read" not in doc.text


def test_html_without_date_is_a_clear_error_record():
    [err] = _records([FIX / "no_date.html"])
    assert isinstance(err, DateInputError)
    assert err.code == "DL303" and "no publication date" in str(err) and "--dct" in str(err)
    assert str(FIX / "no_date.html") in str(err)


def test_dct_overrides_the_page_date():
    docs = _records([FIX / "no_date.html", FIX / "harbour_bridge.html"], dct="2020-01-02")
    assert [d.dct for d in docs] == ["2020-01-02", "2020-01-02"]


def test_broken_and_empty_html(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    recs = _records([tmp_path / "empty.html", tmp_path / "nav.html"])
    assert all(isinstance(r, InputError) for r in recs)
    assert "empty page" in str(recs[0])


def test_extract_cli_on_html(tmp_path, capsys):
    out = tmp_path / "o.jsonl"
    rc = main(["extract", str(FIX / "harbour_bridge.html"), str(FIX / "no_date.html"), "--format", "jsonl",
               "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and "1 processed, 1 failed" in err and "DL303" in err
    [d] = [json.loads(x) for x in out.read_text().splitlines()]
    assert d["id"] == "harbour_bridge" and d["dct"] == "2024-03-05"


# -- WARC ---------------------------------------------------------------------------------------------
def make_warc(path: Path, gz: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)

        def response(url, body: bytes, status="200 OK", ctype="text/html; charset=utf-8"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

        w.write_record(w.create_warc_record("https://courier.example/", "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response(PAGES["harbour_bridge"], (FIX / "harbour_bridge.html").read_bytes())
        response("https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n....", ctype="image/png")
        response("https://courier.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found")
        response(PAGES["no_date"], (FIX / "no_date.html").read_bytes())
        response(PAGES["orchard_festival"], (FIX / "orchard_festival.html").read_bytes())
    return path


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_with_url_ids(tmp_path, name, gz):
    path = make_warc(tmp_path / name, gz)
    recs = _records([path])
    assert len(recs) == 3          # request, image and 404 are not articles
    a, err, b = recs
    assert (a.id, a.dct, a.meta["url"]) == (PAGES["harbour_bridge"], "2024-03-05", PAGES["harbour_bridge"])
    assert a.meta["source"] == str(path) and a.meta["warc_record_id"].startswith("<urn:uuid:")
    assert isinstance(err, DateInputError) and "no publication date" in str(err)
    assert str(path) + "#" in err.where
    assert (b.id, b.dct) == (PAGES["orchard_festival"], "2023-09-18")


def test_truncated_warc_keeps_what_came_before(tmp_path):
    good = make_warc(tmp_path / "a.warc.gz", True).read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(good[: len(good) - 700])
    recs = _records([tmp_path / "cut.warc.gz"])
    assert isinstance(recs[0], Document) and isinstance(recs[-1], InputError)


def test_warc_through_batch(tmp_path):
    path = make_warc(tmp_path / "c.warc.gz", True)
    res = run_batch([str(path)], tmp_path / "out.jsonl", workers=0)
    assert (res.processed, res.failed) == (2, 1)
    ids = [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert ids == [PAGES["harbour_bridge"], PAGES["orchard_festival"]]
    [e] = [json.loads(x) for x in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert e["code"] == "DL303"


# -- Parquet and CSV ------------------------------------------------------------------------------------
ROWS = [{"doc": "p1", "published": "2024-02-03T08:00:00", "body": article(1), "outlet": "Courier"},
        {"doc": "p2", "published": "not a date", "body": article(2), "outlet": "Courier"},
        {"doc": "p3", "published": "2024-02-05", "body": "", "outlet": "Gazette"},
        {"doc": "p4", "published": "20240206", "body": article(4), "outlet": "Gazette"}]


def _write_tabular(tmp_path: Path) -> tuple[Path, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    pq.write_table(pa.Table.from_pylist(ROWS), tmp_path / "t.parquet", row_group_size=3)
    with open(tmp_path / "t.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(ROWS[0]))
        w.writeheader()
        w.writerows(ROWS)
    return tmp_path / "t.parquet", tmp_path / "t.csv"


def test_parquet_and_csv_with_field_options(tmp_path):
    pq_path, csv_path = _write_tabular(tmp_path)
    for path in (pq_path, csv_path):
        recs = _records([path], text_field="body", date_field="published", id_field="doc")
        assert [type(r).__name__ for r in recs] == ["Document", "DateInputError", "EmptyInputError", "Document"]
        assert [r.id for r in recs if isinstance(r, Document)] == ["p1", "p4"]
        assert [r.dct for r in recs if isinstance(r, Document)] == ["2024-02-03", "2024-02-06"]
        assert recs[0].meta["outlet"] == "Courier" and recs[0].meta["source"] == str(path)
        assert str(path) + ":" in recs[1].where


def test_csv_where_names_the_line(tmp_path):
    _, csv_path = _write_tabular(tmp_path)
    recs = _records([csv_path], text_field="body", date_field="published", id_field="doc")
    assert recs[1].where == f"{csv_path}:5"   # line 1 is the header, row 1 spans lines 2-4


def test_default_fields_and_fallback_ids(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    pq.write_table(pa.table({"text": [article(5), article(6)], "date": ["2024-01-01", "2024-01-02"]}),
                   tmp_path / "d.parquet")
    recs = _records([tmp_path / "d.parquet"])
    assert [(r.id, r.dct) for r in recs] == [("1", "2024-01-01"), ("2", "2024-01-02")]


def test_not_a_parquet_file(tmp_path):
    (tmp_path / "x.parquet").write_text("hello")
    [err] = _records([tmp_path / "x.parquet"])
    assert isinstance(err, InputError) and "cannot read Parquet" in str(err)


# -- the work-item split ---------------------------------------------------------------------------------
def test_items_materialize_to_the_same_records_as_read_inputs(tmp_path):
    pq_path, csv_path = _write_tabular(tmp_path)
    warc = make_warc(tmp_path / "w.warc.gz", True)
    (tmp_path / "n.jsonl").write_text('{"id": "j1", "date": "2024-01-01", "text": "Talks resumed."}\n'
                                      '{broken\n\n{"id": "j2", "text": "no date"}\n')
    (tmp_path / "d.txt").write_text("date 2024-02-02\nThe vote was delayed.\n")
    inputs = [str(p) for p in (pq_path, csv_path, warc, tmp_path / "n.jsonl", tmp_path / "d.txt",
                               FIX / "harbour_bridge.html", tmp_path / "missing.jsonl")]
    opts = ReadOptions(text_field="body", date_field="published", id_field="doc")
    want = list(read_inputs(inputs, opts))
    got = [materialize(item, opts) for item in iter_items(inputs, opts)]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert type(g) is type(w) and str(g) == str(w) if isinstance(w, Exception) else g == w


def test_reader_for_dispatch():
    assert reader_for("a.html") and reader_for("a.htm") and reader_for("a.warc.gz") and reader_for("a.warc")
    assert reader_for("a.parquet") and reader_for("a.csv")
    assert reader_for("a.jsonl") is None and reader_for("a.txt") is None
