"""The extract command in-process: formats, and one clear error line per bad record."""
import json

import pytest

from dateline import __version__
from dateline.cli.main import main

ARTICLE = ("date 2022-06-10 The harbor board met on Tuesday. “We need new cranes,” chair Rosa Ibarra said.\n\n"
           "She said the port would decide next month.")


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "port.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and __version__ in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "jsonl", "md", "html"])
def test_formats(article, tmp_path, fmt, validate):
    out = tmp_path / f"out.{fmt}"
    assert main(["extract", str(article), "--format", fmt, "-o", str(out)]) == 0
    body = out.read_text(encoding="utf-8")
    if fmt == "json":
        validate(json.loads(body))
    elif fmt == "jsonl":
        [line] = body.splitlines()
        validate(json.loads(line))
    elif fmt == "md":
        assert body.startswith("# port") and "## Timeline" in body and "Published 2022-06-10" in body
    else:
        assert body.startswith("<!doctype html>") and body.rstrip().endswith("</html>")
        assert "http://" not in body and "https://" not in body      # self-contained


def test_json_of_several_is_a_list(article, tmp_path, capsys, validate):
    other = tmp_path / "other.txt"
    other.write_text("Second article.", encoding="utf-8")
    assert main(["extract", str(article), str(other), "--dct", "2022-06-11", "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["dct"] for d in docs] == ["2022-06-11", "2022-06-11"]
    for d in docs:
        validate(d)


def test_bad_inputs_do_not_stop_the_batch(tmp_path, article, capsys):
    (tmp_path / "latin.txt").write_bytes("date 2020-01-01 Caf\xe9.".encode("latin-1"))
    (tmp_path / "binary.dat").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nodate.txt").write_text("Just words.", encoding="utf-8")
    (tmp_path / "baddate.txt").write_text("date 2020-02-31 Words.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "ok1", "text": "Fine.", "date": "2020-01-01"}) + "\n{broken\n"
        + json.dumps({"id": "ok2", "text": "Also fine.", "date": "2020-01-02"}) + "\n", encoding="utf-8")
    code = main(["extract", str(tmp_path), "--format", "jsonl"])
    out, err = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert sorted(ids) == ["ok1", "ok2", "port"]
    lines = err.strip().splitlines()
    errors = [x for x in lines if x.startswith("error: ")]
    assert len(errors) == 5
    for name in ("latin.txt", "binary.dat", "nodate.txt", "baddate.txt", "feed.jsonl:2"):
        assert sum(name in x for x in errors) == 1, (name, errors)
    assert [x for x in lines if x.startswith("skipped: ")] == [f"skipped: DL306: {tmp_path / 'empty.txt'}: empty file; "
                                                             "expected an article (first line 'date YYYY-MM-DD', or --dct) or JSONL"]
    assert lines[-1] == "3 processed, 5 failed, 1 skipped (nothing to process)"
    assert code == 1


def test_bad_dct_option(article, capsys):
    assert main(["extract", str(article), "--dct", "16/10/2020"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_no_date_anywhere_is_an_error_not_the_clock(tmp_path, capsys):
    p = tmp_path / "plain.txt"
    p.write_text("The council met on Monday.", encoding="utf-8")
    assert main(["extract", str(p)]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "[]" and "plain.txt" in err and "1 failed" in err
