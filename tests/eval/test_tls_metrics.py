"""ROUGE as ROUGE-1.5.5 counts it (the stems below are the Perl stemmer's own output) and the
timeline metrics of tilse on small timelines whose figures are worked out by hand."""
from __future__ import annotations

import pytest

from dateline.eval import rouge
from dateline.eval.tls_metrics import agreement, align_m1, all_scores, concat, date_scores

# (word, stem) as ROUGE-1.5.5's Perl stemmer gives them; "agreement" shows its 2004 change to step 4
STEMS = [("caresses", "caress"), ("ponies", "poni"), ("relational", "relat"), ("generalization", "gener"),
         ("replacement", "replac"), ("agreement", "agreem"), ("hopping", "hop"), ("hoped", "hope"),
         ("happy", "happi"), ("sky", "sky"), ("conditional", "condit"), ("electricity", "electr"),
         ("controlling", "control"), ("yesterday", "yesterdai")]


@pytest.mark.parametrize("word,stem", STEMS)
def test_porter_as_rouge_155(word, stem):
    assert rouge.porter(word) == stem


def test_tokens_follow_rouge_155():
    # lower case, hyphen splits, stopwords out ("the", "in"), WordNet exception (children -> child),
    # short words unstemmed, digits kept
    assert rouge.tokens("The children's oil-spill hit 11 workers in 2010!") == \
        ["child", "oil", "spill", "hit", "11", "worker", "2010"]


def test_counts_clip_repeats():
    # peer: oil oil spill ; model: oil spill spread -> unigram hits 2 (oil once, spill once)
    assert rouge.counts(["oil oil spill"], ["oil spill spread"], 1) == (2, 3, 3)
    assert rouge.counts(["oil oil spill"], ["oil spill spread"], 2) == (1, 2, 2)
    assert rouge.counts([], ["oil"], 1) == (0, 0, 1)


REF = {"2031-03-02": ["crews vote strike"], "2031-03-05": ["ferries stop port"]}


def test_date_f1():
    assert date_scores({"2031-03-02": ["x"], "2031-03-09": ["y"]}, REF) == \
        {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert date_scores({}, REF)["f1"] == 0.0


def test_concat_ignores_dates():
    pred = {"2031-03-09": ["ferries stop"], "2031-03-10": ["crews vote"]}
    r1 = concat(pred, REF)["rouge_1"]
    assert (r1["precision"], r1["recall"]) == (1.0, 4 / 6)


def test_agreement_only_pairs_shared_dates():
    pred = {"2031-03-02": ["crews vote strike"], "2031-03-06": ["ferries stop port"]}
    r1 = agreement(pred, REF)["rouge_1"]
    assert (r1["precision"], r1["recall"]) == (0.5, 0.5)


def test_align_m1_weights_by_distance():
    # the 03-06 summary matches the 03-05 reference one day away: its hits count 1/2
    pred = {"2031-03-02": ["crews vote strike"], "2031-03-06": ["ferries stop port"]}
    r1 = align_m1(pred, REF)["rouge_1"]
    assert r1["precision"] == pytest.approx((3 + 3 / 2) / 6)
    assert r1["recall"] == pytest.approx((3 + 3 / 2) / 6)
    # many-to-one: two predicted dates may both align to one reference date
    two = align_m1({"2031-03-04": ["ferries stop port"], "2031-03-05": ["ferries stop port"]}, REF)["rouge_1"]
    assert two["precision"] == pytest.approx((3 / 2 + 3) / 6)


def test_all_scores_shape():
    s = all_scores(REF, REF)
    assert s["dates"]["f1"] == 1.0
    for kind in ("concat", "agreement", "align_m1"):
        assert s[kind]["rouge_1"]["f1"] == 1.0 and s[kind]["rouge_2"]["f1"] == 1.0
