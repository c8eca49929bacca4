"""The quotes stage on two corpora written for dateline (tests/golden/quotes/):

- negative.txt: news sentences with no reported speech at all, full of the verbs that fool quote rules
  ("posted a loss", "ordered jets", "released an album", "is intended to", "pointed to the spot"): no quote on
  any of them;
- positive.jsonl: sentences with reported speech, each with its speaker (the entity's name, or the speaker
  phrase, or a phrase that ends with the name while the entity is that person): the right speaker on at least
  95% of them (titles, places and organisations before a name, outlets
  as sources, "said on Tuesday he would ...").
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from quote_expect import describe

from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings

HERE = Path(__file__).resolve().parents[1] / "golden" / "quotes"
STAGES = ("segment", "timex_extract", "timex_anchor", "entities", "quotes")


@lru_cache(maxsize=1)
def nlp() -> Pipeline:
    return Pipeline(STAGES, Settings())


def _negative():
    raw = (HERE / "negative.txt").read_text(encoding="utf-8")
    dct = re.search(r"^#\s*dct:\s*(\S+)", raw, re.M).group(1)
    return dct, [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


def _positive():
    rows = [json.loads(ln) for ln in (HERE / "positive.jsonl").read_text(encoding="utf-8").splitlines() if ln]
    return rows[0]["dct"], rows[1:]


def test_corpora_are_large_enough():
    assert len(_negative()[1]) >= 200
    assert len(_positive()[1]) >= 200


def test_no_quote_in_the_negative_corpus():
    dct, sentences = _negative()
    bad = []
    for text in sentences:
        doc = nlp()(Document(id="neg", text=text, dct=dct))
        if doc.quotes:
            bad.append(f"{text}\n{describe(doc)}")
    assert not bad, f"{len(bad)} of {len(sentences)} sentences without reported speech gave a quote:\n" + \
        "\n".join(bad)


def right_speaker(doc, expected) -> bool:
    quotes = [q for q in doc.quotes if expected["content"] in q.text]
    if not quotes:
        return False
    q = quotes[0]
    want = expected["speaker"].lower()
    name = (q.speaker_name or "").lower()
    phrase = (q.speaker.text if q.speaker else "").lower().rstrip(" ,")
    if want in (name, phrase):
        return True
    # the source phrase holds the name with its role ("Finance Minister Jan Novak") and names that person
    return bool(phrase) and phrase.endswith(" " + want) and (not name or name in want)


def test_right_speakers_in_the_positive_corpus():
    dct, rows = _positive()
    wrong = []
    for row in rows:
        doc = nlp()(Document(id="pos", text=row["text"], dct=dct))
        if not right_speaker(doc, row["quotes"][0]):
            wrong.append(f"{row['text']}  (expected {row['quotes'][0]['speaker']!r})\n{describe(doc)}")
    share = 1 - len(wrong) / len(rows)
    assert share >= 0.95, f"right speakers on {100 * share:.1f}% of {len(rows)} rows; wrong:\n" + "\n".join(wrong)
