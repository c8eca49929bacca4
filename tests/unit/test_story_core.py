"""The story core over hand-made ``StoryArticle`` records: limits, bounds, days only from day-level
evidence, no sentence twice, the same story whatever the order of the articles, and the evidence
taken from a processed Document."""
from __future__ import annotations

import pytest

from dateline.pipeline import Pipeline
from dateline.model import Document
from dateline.settings import Settings
from dateline.story import DayMention, StoryArticle, StoryQuote, build_story, from_document
from dateline.story.evidence import clean, day_of_value


def art(i, dct, sentences, mentions=(), quotes=()):
    return StoryArticle(id=f"a{i}", dct=dct, outlet="Gazette", sentences=tuple(sentences),
                        mentions=tuple(DayMention(s, d, True) for s, d in mentions), quotes=tuple(quotes))


ARTS = [
    art(1, "2031-05-01", ["The town council voted to close the old river bridge for repairs on Monday.",
                          "Engineers found deep cracks in two of the bridge's stone piers last week."],
        [(0, "2031-04-28")]),
    art(2, "2031-05-03", ["Traffic backed up for miles after the river bridge closed to cars and trucks.",
                          "The council closed the river bridge on April 28 after engineers found cracks in its piers."],
        [(1, "2031-04-28")], [StoryQuote(0, "We had no choice but to close it", "Ana Ruiz", "2031-04-28")]),
    art(3, "2031-05-20", ["The river bridge reopened to traffic on May 19 after three weeks of repairs.",
                          "The bridge closed on April 28 when engineers found cracks in two stone piers."],
        [(0, "2031-05-19"), (1, "2031-04-28")]),
    art(4, "2031-05-21", ["Drivers crossed the repaired river bridge again after it reopened on May 19.",
                          "The bridge had been shut since April 28 for repairs to its cracked piers."],
        [(0, "2031-05-19"), (1, "2031-04-28")]),
]


def test_limits_and_bounds():
    s = build_story(ARTS, "bridge", dates=2, sents=1, model=None)
    assert [e.date for e in s.entries] == ["2031-04-28", "2031-05-19"]
    assert all(len(e.sentences) == 1 and len(e.sources) == 1 for e in s.entries)
    late = build_story(ARTS, "bridge", dates=5, sents=3, since="2031-05-02", until="2031-05-31")
    assert late.entries and all("2031-05-02" <= e.date <= "2031-05-31" for e in late.entries)
    assert late.articles == 3
    with pytest.raises(ValueError):
        build_story(ARTS, dates=0)


def test_why_and_quotes():
    s = build_story(ARTS, "bridge", dates=1, sents=2)
    e = s.entries[0]
    assert e.date == "2031-04-28"
    assert e.why["mentioned_by"] == 4 and e.why["referred_back"] == 4 and e.why["published"] == 0
    assert e.quotes[0]["speaker"] == "Ana Ruiz" and e.quotes[0]["article"] == "a2"


def test_no_sentence_twice_and_near_duplicates_skipped():
    s = build_story(ARTS, "bridge", dates=5, sents=3)
    said = [x for e in s.entries for x in e.sentences]
    assert len(said) == len(set(said))
    apr28 = next(e for e in s.entries if e.date == "2031-04-28")
    # "The bridge closed on April 28 when engineers found cracks in two stone piers." and the council
    # sentence say the same: at most one of the two
    both = {"The council closed the river bridge on April 28 after engineers found cracks in its piers.",
            "The bridge closed on April 28 when engineers found cracks in two stone piers."}
    assert len(both & set(apr28.sentences)) <= 1


def test_order_of_articles_does_not_matter():
    a = build_story(ARTS, "bridge", dates=3, sents=2).to_dict()
    b = build_story(list(reversed(ARTS)), "bridge", dates=3, sents=2).to_dict()
    assert a == b


def test_days_never_more_precise_than_the_evidence():
    assert day_of_value("2031-04-28") == "2031-04-28" and day_of_value("2031-04-28TEV") == "2031-04-28"
    for coarse in ("2031", "2031-04", "2031-W17", "PAST_REF", None):
        assert day_of_value(coarse) is None
    doc = Pipeline(settings=Settings())(Document(
        id="d", dct="2031-05-03", text="CAIRO (Reuters) - The bridge closed in April. It reopened on Tuesday, "
                                       "officials said. Repairs began on April 28, 2031."))
    a = from_document(doc)
    assert {m.day for m in a.mentions} == {"2031-04-29", "2031-04-28"}      # "in April" names no day
    assert a.sentences[0] == "The bridge closed in April."                   # the dateline left out
    assert [m.explicit for m in sorted(a.mentions, key=lambda m: m.day)] == [True, False]


def test_clean():
    assert clean("(Update 3:28 a.m. Thursday) Crowds   gathered.") == "Crowds gathered."
    assert clean("He said (in a statement) it was fine.") == "He said (in a statement) it was fine."
    assert clean("PORT ALDER, ME. -- The ferry sailed.") == "The ferry sailed."
    assert clean("AP NEW YORK -- Fares rose.") == "Fares rose."
    assert clean("NATO -- the alliance -- met.") == "NATO -- the alliance -- met."      # not a dateline
    assert clean("3 May 2031 Last updated at 09:15 GMT Help The ferry sailed.") == "The ferry sailed."
    assert clean("Photograph: Ann Lee/AP The ferry sailed at dawn.") == "The ferry sailed at dawn."


def test_terms_are_words_and_neighbouring_pairs():
    from dateline.story.text import terms, words_only
    assert terms("The strike of the ferry crews ended.") == \
        ["strike", "ferry", "crews", "ended", "strike_ferry", "ferry_crews", "crews_ended"]
    assert words_only({"ferry": 1.0, "ferry_crews": 2.0}) == {"ferry": 1.0}


def test_days_and_sentences_do_not_depend_on_quotes():
    from dataclasses import replace
    quoted = ARTS + [art(5, "2031-05-22", ["Residents said they were glad the long wait for the bridge was over."],
                         quotes=[StoryQuote(0, "It was a long wait", "Tom Reyes", "2031-05-02")])]
    bare = [replace(a, quotes=()) for a in quoted]
    keep = lambda s: [(e.date, e.sentences) for e in s.entries]        # noqa: E731
    assert keep(build_story(quoted, "bridge", 5, 2)) == keep(build_story(bare, "bridge", 5, 2))
    assert "2031-05-02" not in [e.date for e in build_story(quoted, "bridge", 5, 2).entries]
