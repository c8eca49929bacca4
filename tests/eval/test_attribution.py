"""The PolNeAR reader and the attribution scorer, on a fixture written for the project."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from dateline.eval.attribution import (Item, Scores, envelope, main, match_exact, match_overlap,
                                       score_document, trim)
from dateline.io.brat import parse_ann, read_metadata, read_split

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "brat"
POLNEAR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "attribution" / "polnear"


def test_reader_uses_first_annotator_and_ignores_discard_and_notes():
    meta = read_metadata(FIX / "metadata.tsv")
    docs = list(read_split(FIX / "split", meta))
    assert len(docs) == 1
    d = docs[0]
    assert d.annotator == "b2" and d.dct == "2023-03-08"
    assert len(d.attributions) == 3
    a3 = d.attributions[2]
    assert [d.text[a:b] for a, b in a3.content] == ["The council,", "has approved the budget"]
    assert d.text[a3.source[0][0]:a3.source[0][1]] == "a spokeswoman"


def test_parse_ann_missing_source_and_extra_content():
    ann = ("T1\tCue 10 14\tsaid\nT2\tContent 15 20\tabcde\nT3\tContent 30 35\tfghij\n"
           "E1\tAttribution-no-source:T1 Content:T2 Cue:T1 Content2:T3\n")
    (a,) = parse_ann(ann)
    assert a.source is None and a.cue == ((10, 14),) and a.content == ((15, 20), (30, 35))


def test_trim_and_exact_matching():
    text = '“We are almost there,” she said.'
    assert text[slice(*trim(text, 0, 22))] == "We are almost there"
    gold = [((0, 22),)]
    pred = [((1, 20),)]
    assert match_exact(text, pred, gold) == [(0, 0)]
    assert envelope(text, ((0, 3), (10, 22))) == (1, 20)


def test_overlap_matching_is_one_to_one():
    gold = [((0, 10),), ((20, 30),)]
    pred = [((5, 25),), ((8, 9),)]
    pairs = match_overlap(pred, gold)
    assert sorted(pairs) == [(0, 0), (1, 1)] or sorted(pairs) == [(0, 1), (1, 0)]
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})


def test_scores_direct_indirect_and_speaker():
    text = 'Ann said the vote was close. “It was close,” Bob said.'
    s = Scores()
    gold = {"source": [Item(((0, 3),)), Item(((45, 48),))],
            "cue": [Item(((4, 8),)), Item(((49, 53),))],
            "content": [Item(((9, 27),), False, ((0, 3),)), Item(((29, 44),), True, ((45, 48),))]}
    pred = {"source": [Item(((0, 3),))],
            "cue": [Item(((4, 8),))],
            "content": [Item(((9, 27),), False, ((0, 3),)), Item(((30, 42),), True, None)]}
    score_document(text, pred, gold, s)
    d = s.as_dict()
    assert d["exact"]["source"]["p"] == 1.0 and d["exact"]["source"]["r"] == 0.5
    assert d["exact"]["content"]["tp"] == 2          # quote marks and commas trimmed
    assert d["content_overlap"]["direct"]["r"] == 1.0
    assert s.speaker["all"] == [1, 2] and s.speaker["direct"] == [0, 1]


def test_main_on_the_fixture_prints_every_role():
    out = io.StringIO()
    assert main(str(FIX / "split"), str(FIX / "metadata.tsv"), out=out) == 0
    report = out.getvalue()
    for word in ("source", "cue", "content", "content/direct", "content/indirect", "speaker accuracy"):
        assert word in report
    # the fixture is easy: the pipeline finds all three contents
    line = next(x for x in report.splitlines() if x.startswith("content "))
    assert "100.0" in line.split("|")[1]


def test_polnear_reader_on_the_shared_dev_split():
    dev = POLNEAR / "dev"
    if not dev.exists():
        pytest.skip(f"{dev} is absent: PolNeAR lives in the shared data folder")
    docs = list(read_split(dev, read_metadata(POLNEAR / "metadata.tsv")))
    assert len(docs) == 84 and all(d.dct for d in docs)
    assert sum(len(d.attributions) for d in docs) > 2000
