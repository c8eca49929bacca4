"""A processed ``Document`` -> the ``StoryArticle`` the story is built from (pure, no I/O).

The store writes exactly these fields at ingest (sentence spans, day-level mentions with their
sentence, quotes), so a story built from stored articles equals one built from fresh Documents.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Sequence

from ..model import Document
from .records import DayMention, StoryArticle, StoryQuote

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T)")
_SKIP_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})
# what is not the sentence's own words: a leading stamp or dateline, "(Update 3:28 a.m. Thursday) ",
# "Cairo, 7:04 a.m. ET) ", "CAIRO (Reuters) - ", "(CNN) -- ", "PORT ALDER, ME. -- ", "AP NEW YORK -- ",
# a web page's "3 May 2031 Last updated at 09:15 GMT Help ", a photo credit "Photograph: Ann Lee/AP "
_LEAD_JUNK = re.compile(r"^(?:\([^()]{0,80}\)\s*|[^()]{0,40}\)\s+|[A-Z][A-Za-z .,'-]{0,40}\([A-Za-z .]{1,20}\)\s*[-–—:]+\s*"
                        r"|\([A-Za-z .]{1,20}\)\s*[-–—:]+\s*|[A-Z][A-Z.,' ]{2,40} (?:--|–|—) (?=[A-Z\"“])"
                        r"|(?:\d{1,2} [A-Z][a-z]+ \d{4} )?(?:Page )?[Ll]ast updated at \d\d?:\d\d GMT"
                        r"(?:, [A-Z][a-z]+, \d{1,2} [A-Z][a-z]+ \d{4} \d\d?:\d\d UK)? (?:Help )?"
                        r"|Photograph: [^/]{2,40}/(?:AFP/)?(?:Getty Images|[A-Z][A-Za-z]*) )+")


def day_of_value(value: str | None) -> str | None:
    """The calendar day a TIMEX3 value names (``2010-04-20``, ``2010-04-20TEV``), else None: a month,
    a year or a week is never narrowed to a day."""
    m = _DAY.match(value or "")
    return m.group(1) if m else None


def sentence_index(starts: Sequence[int], offset: int) -> int:
    """The sentence (by start offsets, ascending) that contains ``offset``."""
    return max(0, bisect_right(starts, offset) - 1)


def clean(text: str) -> str:
    """A sentence as shown: one space between words, a leading stamp or dateline left out."""
    text = " ".join(text.split())
    m = _LEAD_JUNK.match(text)
    return text[m.end():] if m and m.end() < len(text) else text


def from_document(doc: Document) -> StoryArticle:
    """Sentences, day-level date mentions and quotes of a processed Document (``sentences`` set)."""
    starts = [s.start for s in doc.sentences]
    sentences = tuple(clean(doc.text[s.start:s.end]) for s in doc.sentences)
    mentions = []
    for t in doc.timexes:
        day = day_of_value(t.value) if t.type == "DATE" and t.mod not in _SKIP_MODS else None
        if day and starts:
            mentions.append(DayMention(sentence_index(starts, t.start), day,
                                       any(ch.isdigit() for ch in t.text)))
    quotes = []
    for q in doc.quotes:
        if q.spans and starts and q.text.strip():
            quotes.append(StoryQuote(sentence_index(starts, q.spans[0][0]), clean(q.text),
                                     q.speaker_name, day_of_value(q.said_on)))
    meta = doc.meta or {}
    return StoryArticle(id=doc.id, dct=doc.dct, outlet=str(meta.get("outlet") or meta.get("sitename") or ""),
                        title=clean(str(meta.get("title") or "")), sentences=sentences,
                        mentions=tuple(mentions), quotes=tuple(quotes))
