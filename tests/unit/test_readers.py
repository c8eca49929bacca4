"""Input readers: every format is auto-detected, and every bad input is an error record, not a crash."""
import json

import pytest

from dateline import Document
from dateline.errors import DateInputError, EncodingInputError, InputError, JSONInputError, SizeInputError
from dateline.io.readers import ReadOptions, normalize_date, read_inputs


def _read(tmp_path, name, data, **opts):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return list(read_inputs([str(p)], ReadOptions(**opts)))


def test_dated_text_on_same_line(tmp_path):
    [doc] = _read(tmp_path, "a.txt", "date 2021-05-04 The mayor spoke.\n\nThen left.")
    assert isinstance(doc, Document)
    assert doc.dct == "2021-05-04" and doc.text == "The mayor spoke.\n\nThen left." and doc.id == "a"


def test_dated_text_with_leading_whitespace_and_newline(tmp_path):
    [doc] = _read(tmp_path, "b.txt", "  \n date 2021-05-04\nThe mayor spoke.")
    assert doc.dct == "2021-05-04" and doc.text == "The mayor spoke."


def test_plain_text_needs_dct(tmp_path):
    [err] = _read(tmp_path, "c.txt", "The mayor spoke.")
    assert isinstance(err, DateInputError) and "c.txt" in str(err) and "--dct" in str(err)
    [doc] = _read(tmp_path, "c.txt", "The mayor spoke.", dct="2019-01-02")
    assert doc.dct == "2019-01-02" and doc.text == "The mayor spoke."


def test_invalid_date_header(tmp_path):
    [err] = _read(tmp_path, "d.txt", "date 2021-13-45 Text here.")
    assert isinstance(err, DateInputError) and "2021-13-45" in str(err)


def test_jsonl_fields_and_ids(tmp_path):
    lines = [
        {"id": "x1", "text": "One.", "date": "2020-01-02"},
        {"content": "Two.", "published": "2020-01-03T10:11:12Z", "title": "T"},
        {"body": "Three.", "pub_datetime": "2020-01-04 08:00:00"},
        {"text": "Four.", "time": "2020-01-05T00:00:00+02:00", "id": 7},
    ]
    recs = _read(tmp_path, "in.jsonl", "\n".join(json.dumps(x) for x in lines))
    assert [(r.id, r.dct, r.text) for r in recs] == [
        ("x1", "2020-01-02", "One."), ("2", "2020-01-03", "Two."), ("3", "2020-01-04", "Three."),
        ("7", "2020-01-05", "Four.")]
    assert recs[1].meta["title"] == "T"


def test_jsonl_field_overrides(tmp_path):
    line = json.dumps({"key": "k9", "story": "Words.", "when": "2018-07-01", "text": "ignored", "date": "1999-01-01"})
    [doc] = _read(tmp_path, "o.jsonl", line, text_field="story", date_field="when", id_field="key")
    assert (doc.id, doc.text, doc.dct) == ("k9", "Words.", "2018-07-01")


def test_jsonl_bad_lines_name_their_line_and_the_rest_goes_on(tmp_path):
    data = "\n".join([
        json.dumps({"text": "Good.", "date": "2020-01-02"}),
        "{not json",
        json.dumps({"text": "No date."}),
        json.dumps({"text": "Bad date.", "date": "yesterday"}),
        json.dumps(["a", "list"]),
        json.dumps({"date": "2020-01-02"}),
        json.dumps({"text": "Good again.", "date": "2020-01-03"}),
    ])
    recs = _read(tmp_path, "mix.jsonl", data)
    kinds = [type(r).__name__ for r in recs]
    assert kinds == ["Document", "JSONInputError", "DateInputError", "DateInputError", "JSONInputError",
                     "EmptyInputError", "Document"]
    assert "mix.jsonl:2" in str(recs[1]) and "mix.jsonl:4" in str(recs[3]) and "'yesterday'" in str(recs[3])


def test_undecodable_file(tmp_path):
    [err] = _read(tmp_path, "latin.txt", "date 2020-01-01 Caf\xe9 society.".encode("latin-1"))
    assert isinstance(err, EncodingInputError) and "UTF-8" in str(err) and "latin.txt" in str(err)


def test_binary_file(tmp_path):
    [err] = _read(tmp_path, "blob.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert isinstance(err, EncodingInputError) and "binary" in str(err)


def test_empty_file(tmp_path):
    [err] = _read(tmp_path, "empty.txt", b"")
    assert isinstance(err, InputError) and "empty" in str(err)
    [err] = _read(tmp_path, "blank.jsonl", b"\n\n")
    assert isinstance(err, InputError) and "empty" in str(err)


def test_huge_file(tmp_path):
    [err] = _read(tmp_path, "big.txt", "date 2020-01-01 " + "word " * 400, max_bytes=1000)
    assert isinstance(err, SizeInputError) and "limit" in str(err)


def test_missing_file(tmp_path):
    [err] = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(err, InputError) and "no such file" in str(err)


def test_directory_is_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("date 2020-01-02 B.")
    (tmp_path / "a.txt").write_text("date 2020-01-01 A.")
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"text": "C.", "date": "2020-01-03"}))
    (tmp_path / ".hidden").write_text("junk")
    recs = list(read_inputs([str(tmp_path)]))
    assert [r.text for r in recs] == ["A.", "B.", "C."]


def test_json_document_and_list(tmp_path):
    [doc] = _read(tmp_path, "one.json", json.dumps({"text": "Solo.", "date": "2020-02-02"}))
    assert doc.text == "Solo."
    recs = _read(tmp_path, "many.json", json.dumps([{"text": "A.", "date": "2020-02-02"}, {"text": "B."}]))
    assert isinstance(recs[0], Document) and isinstance(recs[1], DateInputError) and "many.json[2]" in str(recs[1])
    [err] = _read(tmp_path, "broken.json", "{")
    assert isinstance(err, JSONInputError)


def test_stdin(monkeypatch):
    import io
    import sys
    fake = io.TextIOWrapper(io.BytesIO(b"date 2020-03-03 From a pipe."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    [doc] = list(read_inputs(["-"]))
    assert doc.text == "From a pipe." and doc.id == "stdin"


@pytest.mark.parametrize("raw,expected", [
    ("2020-10-16", "2020-10-16"), ("2020-10-16T23:59:59Z", "2020-10-16"), ("2020-10-16 08:00", "2020-10-16"),
    ("20201016", "2020-10-16"), ("2020-02-30", None), ("16/10/2020", None), ("", None), (None, None), (True, None),
])
def test_normalize_date(raw, expected):
    assert normalize_date(raw) == expected


def test_jsonl_bad_encoding_on_one_line_spares_the_others(tmp_path):
    good = json.dumps({"text": "Fine.", "date": "2020-01-02"}).encode()
    bad = '{"text": "Caf\xe9.", "date": "2020-01-02"}'.encode("latin-1")
    recs = _read(tmp_path, "enc.jsonl", good + b"\n" + bad + b"\n" + good + b"\n")
    assert [type(r).__name__ for r in recs] == ["Document", "EncodingInputError", "Document"]
    assert "enc.jsonl:2" in str(recs[1])


def test_errors_and_documents_pickle(tmp_path):
    import pickle
    [err] = _read(tmp_path, "nodate.txt", "Words.")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is type(err) and str(again) == str(err)
    doc = Document(id="p", text="t", dct="2020-01-01")
    assert pickle.loads(pickle.dumps(doc)) == doc
