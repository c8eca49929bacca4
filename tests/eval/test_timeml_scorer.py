"""The TempEval-3 Task A scorer on small gold/system pairs written for the test, and its matching rules
(the official toolkit's) next to the toolkit itself where ../shared has it."""
from __future__ import annotations

import importlib.util
import io
import shutil
from pathlib import Path

import pytest

from dateline.eval import timeml as scorer
from dateline.eval.te3_align import tokens

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "timeml"
PAIRS = ROOT / "tests" / "fixtures" / "timeml_pairs"
SHARED_TBAQ = ROOT.parent / "shared" / "data" / "timeml" / "tbaq"
TOOLKIT = ROOT.parent / "shared" / "tools" / "tempeval3_toolkit"

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


# case: (gold TIMEX3, system TIMEX3, pairs, strict pairs, right type, right value); see the fixture texts
MATCHING = {
    "a_two_on_one": (1, 2, 1, 0, 0, 0),     # "Monday morning" vs "Monday" + "morning": the first to open pairs
    "b_one_on_two": (2, 1, 1, 0, 0, 0),     # "Friday" + "late at night" vs one span: pairs with "Friday"
    "c_opens_before": (1, 1, 1, 0, 1, 1),   # "Thursday" vs "on Thursday"
    "d_event_token": (1, 1, 1, 0, 0, 0),    # gold "Monday" then an EVENT "evening"; system "evening" takes its id
    "e_hyphen": (1, 1, 1, 0, 1, 1),         # "mid-1990s" vs "1990s": mid / - / 1990s are three tokens
    "f_no_token": (1, 1, 1, 1, 1, 1),       # a system TIMEX3 over a space has no token and does not count
}


@pytest.mark.parametrize("case", sorted(MATCHING))
def test_matching_rules_of_the_toolkit(case):
    c = scorer.score_doc(scorer.load(PAIRS / "gold" / f"{case}.tml"), scorer.load(PAIRS / "system" / f"{case}.tml"))
    assert (c.gold, c.sys, c.matches, c.strict_gold, c.type_ok, c.value_ok) == MATCHING[case]
    assert c.relaxed_gold == c.relaxed_sys == c.matches and c.strict_sys == c.strict_gold


def test_unpaired_overlaps_are_listed_as_missed_and_spurious():
    c = scorer.score_dirs(str(PAIRS / "gold"), str(PAIRS / "system"))
    assert [(e[1], e[5]) for e in c.errors if e[0] == "spurious"] == [("a_two_on_one", "morning")]
    assert [(e[1], e[2]) for e in c.errors if e[0] == "missed"] == [("b_one_on_two", "late at night")]
    m = scorer.metrics(c)          # 7 gold, 7 system, 6 pairs, 1 strict, 3 right types and values
    assert m["relaxed_f1"] == pytest.approx(600 / 7) and m["strict_f1"] == pytest.approx(100 / 7)
    assert m["value_f1"] == pytest.approx(600 / 7 * 3 / 6) and m["type_f1"] == pytest.approx(600 / 7 * 3 / 6)


def test_tokens_are_the_toolkits():
    text = "He said: \"Don't sell (yet)\" in mid-1990s, U.S. prices 3%... A|B"
    assert [text[a:b] for a, b in tokens(text)] == [
        "He", "said", ":", '"', "Do", "n't", "sell", "(", "yet", ")", '"', "in", "mid", "-", "1990s", ",",
        "U.S.", "prices", "3", "%", "...", "A", "|", "B"]


def test_a_text_that_differs_is_named_and_scored_as_nothing_found(tmp_path):
    write(tmp_path / "g", "d3", 'Rates rose <TIMEX3 tid="t1" type="DATE" value="2023">last year</TIMEX3>.')
    write(tmp_path / "s", "d3", 'Rates fell <TIMEX3 tid="t1" type="DATE" value="2023">last year</TIMEX3>.')
    m, text = run(tmp_path / "g", tmp_path / "s")
    assert m["relaxed_r"] == 0.0 and "TEXT differs from gold" in text and "d3" in text


def test_same_figures_as_the_official_toolkit_on_the_matching_cases(tmp_path):
    """Runs the TempEval-3 toolkit (Python 2.7 + Java) itself on the fixture pairs."""
    if not TOOLKIT.exists():
        pytest.skip(f"{TOOLKIT} is absent: this test runs the official scorer from ../shared")
    if not (shutil.which("python2.7") and shutil.which("java")):
        pytest.skip("python2.7 or java is not on PATH: the official scorer needs both")
    spec = importlib.util.spec_from_file_location("scorer_parity", ROOT / "benchmarks" / "scorer_parity.py")
    parity = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parity)
    shutil.copytree(TOOLKIT, tmp_path / "tk")
    official = parity.official(tmp_path / "tk", "python2.7", PAIRS / "gold", PAIRS / "system")
    assert official == parity.ours(PAIRS / "gold", PAIRS / "system")
    assert parity.differing_pairs(tmp_path / "tk", PAIRS / "gold", PAIRS / "system", tmp_path) == []


def test_score_doc_takes_documents_from_io_timeml_as_well():
    """The gate scores ``io.timeml.read`` / ``parse`` results; without TEXT's markup (built from the text and
    the TIMEX3 alone) EVENT tokens are unknown, which only the EVENT case notices."""
    import dataclasses

    from dateline.io import timeml

    for case, expected in MATCHING.items():
        g, s = timeml.read(PAIRS / "gold" / f"{case}.tml"), timeml.read(PAIRS / "system" / f"{case}.tml")
        for bare in (False, True):
            if bare:
                g, s = dataclasses.replace(g, body=""), dataclasses.replace(s, body="")
            c = scorer.score_doc(g, s)
            got = (c.gold, c.sys, c.matches, c.strict_gold, c.type_ok, c.value_ok)
            assert got == (expected if not (bare and case == "d_event_token") else (1, 1, 0, 0, 0, 0)), (case, bare)
