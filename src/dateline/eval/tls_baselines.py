"""The two reference points ``dateline eval tls`` scores beside the story, over the same articles:

- ``pubdate``: the days with the most articles published (ties: the earlier day), each summarised by
  the first fit sentence of each of that day's articles, in (date, id) order;
- ``mentions``: the days that day-level time expressions name most often, over all articles, each
  summarised by the first fit sentences that name it.

"Fit" is the story's own test (``story.sentences.usable``: 8 to 50 words, no page furniture), and an
exact repeat is skipped, so the baselines differ from the story only in how they choose.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..story import StoryArticle
from ..story.sentences import usable


def _top_days(counts: Counter, l: int) -> list[str]:
    return sorted(counts, key=lambda d: (-counts[d], d))[:l]


def _fill(days: list[str], sents: dict[str, list[str]], k: int) -> dict[str, list[str]]:
    out = {}
    for d in days:
        chosen: list[str] = []
        for s in sents.get(d, ()):
            if s not in chosen:
                chosen.append(s)
            if len(chosen) >= k:
                break
        if chosen:
            out[d] = chosen
    return out


def pubdate(arts: Sequence[StoryArticle], start: str, end: str, l: int, k: int) -> dict[str, list[str]]:
    arts = sorted(arts, key=lambda a: (a.dct, a.id))
    counts = Counter(a.dct for a in arts if start <= a.dct <= end)
    leads: dict[str, list[str]] = {}
    for a in arts:
        lead = next((s for s in a.sentences if usable(s)), None)
        if lead:
            leads.setdefault(a.dct, []).append(lead)
    return _fill([d for d in _top_days(counts, len(counts)) if d in leads][:l], leads, k)


def mentions(arts: Sequence[StoryArticle], start: str, end: str, l: int, k: int) -> dict[str, list[str]]:
    arts = sorted(arts, key=lambda a: (a.dct, a.id))
    counts: Counter = Counter()
    naming: dict[str, list[str]] = {}
    for a in arts:
        for m in a.mentions:
            if start <= m.day <= end:
                counts[m.day] += 1
                s = a.sentences[m.sentence] if m.sentence < len(a.sentences) else ""
                if usable(s):
                    naming.setdefault(m.day, []).append(s)
    return _fill([d for d in _top_days(counts, len(counts)) if d in naming][:l], naming, k)
