"""The TempEval-3 Task A scorer on small gold/system pairs written for the test."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from dateline.eval import timeml as scorer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timeml"
SHARED_TBAQ = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "timeml" / "tbaq"

HEAD = ('<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{d}</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" '
        'value="2024-03-05" functionInDocument="CREATION_TIME">2024-03-05</TIMEX3></DCT>\n<TEXT>{t}</TEXT>\n</TimeML>\n')


def write(folder: Path, docid: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{docid}.tml").write_text(HEAD.format(d=docid, t=text), encoding="utf-8")


def run(gold: Path, sys: Path) -> tuple[dict, str]:
    out = io.StringIO()
    assert scorer.main(str(gold), str(sys), out=out) == 0
    return scorer.metrics(scorer.score_dirs(str(gold), str(sys))), out.getvalue()


def test_gold_against_itself_is_100(tmp_path):
    m, text = run(FIXTURES, FIXTURES)
    for k in ("strict_f1", "relaxed_f1", "type_f1", "value_f1"):
        assert m[k] == pytest.approx(100.0), k
    assert "strict" in text and "value F1 100.00" in text


def test_partial_overlap_wrong_value_missed_and_spurious(tmp_path):
    g = ('He left <TIMEX3 tid="t1" type="DATE" value="2024-03-04">on Monday</TIMEX3> for '
         '<TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3> and came back '
         '<TIMEX3 tid="t3" type="DATE" value="2024-03-26">later</TIMEX3>.')
    s = ('He left on <TIMEX3 tid="t1" type="DATE" value="2024-03-04">Monday</TIMEX3> for '
         '<TIMEX3 tid="t2" type="DATE" value="P2W">three weeks</TIMEX3> and '
         '<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">came</TIMEX3> back later.')
    write(tmp_path / "g", "d1", g)
    write(tmp_path / "s", "d1", s)
    m, text = run(tmp_path / "g", tmp_path / "s")
    # 3 gold, 3 system: strict matches 1 ("three weeks"), relaxed 2 (+ "Monday" inside "on Monday")
    assert m["strict_p"] == pytest.approx(100 / 3) and m["strict_r"] == pytest.approx(100 / 3)
    assert m["relaxed_f1"] == pytest.approx(200 / 3)
    assert m["type_acc"] == pytest.approx(50.0)        # DURATION tagged DATE
    assert m["value_acc"] == pytest.approx(50.0)       # P3W tagged P2W
    assert m["value_f1"] == pytest.approx(200 / 3 * 0.5)
    assert "missed" in text and "spurious" in text and "'later'" in text and "'came'" in text


def test_whitespace_differences_still_align(tmp_path):
    write(tmp_path / "g", "d2", 'Rates rose\n\n<TIMEX3 tid="t1" type="DATE" value="2023">last year</TIMEX3>.')
    write(tmp_path / "s", "d2", 'Rates rose <TIMEX3 tid="t9" type="DATE" value="2023">last  year</TIMEX3>.')
    m, _ = run(tmp_path / "g", tmp_path / "s")
    assert m["strict_f1"] == pytest.approx(100.0) and m["value_f1"] == pytest.approx(100.0)


def test_a_missing_system_file_counts_as_nothing_found(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "g")
    (tmp_path / "s").mkdir()
    m, _ = run(tmp_path / "g", tmp_path / "s")
    assert m["relaxed_r"] == 0.0 and m["value_f1"] == 0.0


def test_tbaq_gold_against_itself(tmp_path):
    if not SHARED_TBAQ.exists():
        pytest.skip(f"{SHARED_TBAQ} is absent: this test reads the shared evaluation data")
    m = scorer.metrics(scorer.score_dirs(str(SHARED_TBAQ / "AQUAINT"), str(SHARED_TBAQ / "AQUAINT")))
    assert m["strict_f1"] == pytest.approx(100.0) and m["value_f1"] == pytest.approx(100.0)
