"""TimeML in and out: tags removed with their text kept, DCT read, our TIMEX3 written inline so that the
output TEXT is the input text character for character; the ``timeml`` subcommand end to end."""
from __future__ import annotations

import argparse
from pathlib import Path

from dateline.cli import timeml_cmd
from dateline.io import timeml
from dateline.model import Document, Timex

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timeml"


def test_read_strips_tags_and_keeps_text_and_gold_offsets():
    doc = timeml.read(FIXTURES / "news_a.tml")
    assert doc.docid == "NEWS_A" and doc.dct == "2024-03-05"
    assert "<" not in doc.text and "Cargo & ferry" in doc.text and "voted on Monday" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2024-03-04"), ("three weeks", "DURATION", "P3W"),
        ("tomorrow", "DATE", "2024-03-06"), ("last year", "DATE", "2023")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_te3input_and_entities():
    doc = timeml.read(FIXTURES / "news_b.TE3input")
    assert doc.docid == "NEWS_B" and doc.dct == "1999-07-16"
    assert "<for a year>" in doc.text and doc.timexes == ()


def test_render_round_trips_text_and_timexes():
    text = "Sales <fell> & rose on Monday."
    doc = Document(id="x&y", text=text, dct="2024-03-05",
                   timexes=(Timex("t1", 23, 29, "Monday", "DATE", "2024-03-04", anchor="t0"),))
    xml = timeml.render(doc)
    assert "&lt;fell> &amp; rose" in xml          # '>' stays raw: the TempEval-3 toolkit stops at '&gt;'
    back = timeml.parse(xml)
    assert back.text == text and back.docid == "x&y" and back.dct == "2024-03-05"
    assert [(t.text, t.value, t.attrs.get("tid")) for t in back.timexes] == [("Monday", "2024-03-04", "t1")]


def test_timeml_command_writes_docid_files_with_identical_text(tmp_path):
    ap = argparse.ArgumentParser()
    timeml_cmd.register(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["timeml", str(FIXTURES), str(tmp_path / "out")])
    assert args.func(args) == 0
    for name, src in (("NEWS_A", "news_a.tml"), ("NEWS_B", "news_b.TE3input")):
        out = timeml.read(tmp_path / "out" / f"{name}.tml")
        assert out.text == timeml.read(FIXTURES / src).text
        assert 'functionInDocument="CREATION_TIME"' in (tmp_path / "out" / f"{name}.tml").read_text()
        for t in out.timexes:
            assert t.attrs["tid"].startswith("t") and t.attrs["type"] and t.attrs["value"]
    a = {t.text: t.value for t in timeml.read(tmp_path / "out" / "NEWS_A.tml").timexes}
    assert a["Monday"] == "2024-03-04" and a["three weeks"] == "P3W" and a["tomorrow"] == "2024-03-06"
    b = {t.text: t.value for t in timeml.read(tmp_path / "out" / "NEWS_B.tml").timexes}
    assert b["1931"] == "1931" and b["next month"] == "1999-08"


def test_timeml_command_on_an_empty_folder_fails_cleanly(tmp_path):
    ap = argparse.ArgumentParser()
    timeml_cmd.register(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["timeml", str(tmp_path), str(tmp_path / "out")])
    assert args.func(args) == 2


def _run(argv):
    ap = argparse.ArgumentParser()
    timeml_cmd.register(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["timeml", *argv])
    return args.func(args)


def test_worker_processes_write_the_same_files(tmp_path):
    assert _run([str(FIXTURES), str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert _run([str(FIXTURES), str(tmp_path / "two"), "--jobs", "2"]) == 0
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and len(one) == 2


def test_a_bad_file_is_named_and_the_others_are_written(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for p in FIXTURES.iterdir():
        (src / p.name).write_bytes(p.read_bytes())
    (src / "broken.tml").write_text("<TimeML><DOCID>B</DOCID><TEXT>no date here</TEXT></TimeML>", encoding="utf-8")
    assert _run([str(src), str(tmp_path / "out"), "--jobs", "2"]) == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["NEWS_A.tml", "NEWS_B.tml"]
    err = capsys.readouterr().err
    assert "broken.tml" in err and "DCT" in err and "wrote 2 files" in err
