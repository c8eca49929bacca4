"""Which sentences tell a day: candidates, their features, and the choice of up to k per day.

The candidates for a day are the sentences that name it (a day-level time expression in the
sentence) and the lead sentences of the articles published that day. Each is scored by a linear
model over a few features (how close it is to the day's coverage and to the whole story's, the
query words it has, whether it names the day and how long after the day it was written, its place
in the article, its length); the best are taken in turn, skipping any that repeats a sentence
already chosen for this or another day.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from . import text as T
from .dates import ordinal
from .records import StoryArticle

LEAD = 8                       # lead sentences of an article that stand for its publication day
MIN_WORDS, MAX_WORDS = 8, 50   # shorter ones are headlines and fragments, longer ones run-ons
NEAR_DUPLICATE = 0.5           # cosine above which two sentences say the same thing
FEATURES = ("day", "story", "query", "names_day", "explicit", "later", "same_day", "lead", "length",
            "long", "quoted", "sentence_end")
_QUOTE_MARKS = re.compile(r"[\"“”]")
_END = re.compile(r"[.!?][\"”')\]]*$")


@dataclass(slots=True)
class Candidate:
    article: int                # index into the articles
    sentence: int               # index into the article's sentences
    day: str
    explicit: bool | None       # None: a lead sentence of the day's articles, not naming the day
    terms: list[str]
    vec: dict[str, float] | None = None
    norm: float = 0.0
    score: float = 0.0


def words(sentence: str) -> int:
    return sentence.count(" ") + 1


def usable(sentence: str) -> bool:
    """A sentence fit for a summary: 8 to 50 words, not a page's furniture ("May 1, 2010 | Reply")."""
    return MIN_WORDS <= words(sentence) <= MAX_WORDS and "|" not in sentence


def candidates(articles: Sequence[StoryArticle], days: set[str]) -> dict[str, list[Candidate]]:
    """Day -> its candidate sentences (each sentence once per day), in article order."""
    out: dict[str, list[Candidate]] = {d: [] for d in days}
    for ai, a in enumerate(articles):
        named: dict[int, dict[str, bool]] = {}
        for m in a.mentions:
            if m.day in days:
                per = named.setdefault(m.sentence, {})
                per[m.day] = per.get(m.day, False) or m.explicit
        for si, per in named.items():
            s = a.sentences[si] if si < len(a.sentences) else ""
            if usable(s):
                for day, explicit in per.items():
                    out[day].append(Candidate(ai, si, day, explicit, T.terms(s)))
        if a.dct in days:
            for si, s in enumerate(a.sentences[:LEAD]):
                if si not in named and usable(s):
                    out[a.dct].append(Candidate(ai, si, a.dct, None, T.terms(s)))
    return out


def features(c: Candidate, a: StoryArticle, day_centroid: Mapping[str, float],
             story_centroid: Mapping[str, float], query: set[str],
             norms: tuple[float, float] | None = None) -> list[float]:
    """The features of a candidate (``FEATURES``); ``norms``: those of the two centroids, if known."""
    s = a.sentences[c.sentence]
    n = words(s)
    later = ordinal(a.dct) - ordinal(c.day)
    nd, ns = norms if norms else (T.norm(day_centroid), T.norm(story_centroid))
    cn = c.norm or None
    return [T.cosine(c.vec, day_centroid, cn, nd), T.cosine(c.vec, story_centroid, cn, ns),
            len(query & set(c.terms)) / len(query) if query else 0.0,
            float(c.explicit is not None), float(bool(c.explicit)),
            math.log1p(later) if c.explicit is not None and later > 0 else 0.0,
            float(0 <= later <= 1), 1.0 / (1 + c.sentence), n / 25.0, max(0.0, n - 30) / 20.0,
            float(bool(_QUOTE_MARKS.search(s))), float(bool(_END.search(s)))]


def centroid(cands: Sequence[Candidate]) -> dict[str, float]:
    """The sum of the candidates' unit vectors."""
    out: dict[str, float] = {}
    for c in cands:
        n = c.norm or T.norm(c.vec)
        if n:
            T.add(out, c.vec, 1.0 / n)
    return out


def centroids(by_day: Mapping[str, list[Candidate]]) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Set every candidate's tf-idf vector (idf over all candidates of all days); return each day's
    centroid and the story's (the sum of all candidates' unit vectors)."""
    all_c = [c for cs in by_day.values() for c in cs]
    idf, unseen = T.idf(c.terms for c in all_c)
    for c in all_c:
        c.vec = T.vector(c.terms, idf, unseen)
        c.norm = T.norm(c.vec)
    days = {d: centroid(cs) for d, cs in by_day.items()}
    story: dict[str, float] = {}
    for day in days.values():
        T.add(story, day)
    return days, story


def score_all(articles: Sequence[StoryArticle], by_day: Mapping[str, list[Candidate]], query: str,
              weights: Sequence[float]) -> None:
    """Vectors and scores of every candidate."""
    days, story = centroids(by_day)
    story_norm = T.norm(story)
    qterms = set(T.content_words(query))
    for d, cs in by_day.items():
        day = days[d]
        norms = (T.norm(day), story_norm)
        for c in cs:
            f = features(c, articles[c.article], day, story, qterms, norms)
            c.score = sum(w * x for w, x in zip(weights, f))


def choose(cands: Sequence[Candidate], k: int, taken: list[tuple[dict[str, float], float]]) -> list[Candidate]:
    """Up to ``k`` best-scored candidates, none a near-duplicate of another or of ``taken`` (word
    vectors and norms of the sentences chosen so far, which grows with the choice). Two sentences are
    near-duplicates by their words alone: a paraphrase shares the words more than the word pairs."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.score, c.article, c.sentence)):
        if len(out) >= k:
            break
        words = T.words_only(c.vec) if c.vec else None
        if not words:
            continue
        n = T.norm(words)
        if any(T.cosine(words, t, n, tn) > NEAR_DUPLICATE for t, tn in taken):
            continue
        out.append(c)
        taken.append((words, n))
    return out
