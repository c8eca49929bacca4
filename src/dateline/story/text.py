"""Terms of a sentence for comparing sentences, and tf-idf vectors and their cosine, as plain dicts.

The content words are the lower-cased runs of letters and digits, function words and bare numbers
out, each cut to its first 6 characters (a cheap stem: "drilling", "drilled" -> "drilli", "drille";
"spill", "spills" -> "spill", "spills" is close enough for a bag of words). The terms are the content
words and each pair of neighbouring content words ("ferry_strike", "river_bridge"): a pair
says what the story is about better than its two words apart ("relief" and "effort" are everywhere,
"relief_effort" is one thing), so a sentence that shares the day's phrases is closer to the day than
one that only shares its words. Pairs skip the function words between them, as ROUGE-2's bigrams do
after its stopwords are removed ("strike of the ferry crews" -> "strike_ferry", "ferry_crews")."""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Mapping

from ..grammar import load_resources

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STEM = 6

Vector = dict[str, float]


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return load_resources("en").words("function_word")


def content_words(sentence: str) -> list[str]:
    """The content words of a sentence, stemmed by truncation."""
    stop = function_words()
    out = []
    for w in _WORD.findall(sentence.lower()):
        w = w.split("'", 1)[0]
        if len(w) > 1 and w not in stop and not w.isdigit():
            out.append(w[:STEM])
    return out


def terms(sentence: str) -> list[str]:
    """The content words of a sentence and each pair of neighbouring ones (``"ferry_strike"``)."""
    w = content_words(sentence)
    return w + [f"{a}_{b}" for a, b in zip(w, w[1:])]


def words_only(v: Mapping[str, float]) -> Vector:
    """The part of a vector over single words (pairs left out)."""
    return {k: x for k, x in v.items() if "_" not in k}


def idf(docs: Iterable[Iterable[str]]) -> tuple[dict[str, float], float]:
    """Inverse document frequency of every term over ``docs`` (bags of terms), and the value for an
    unseen term."""
    df: Counter = Counter()
    n = 0
    for d in docs:
        n += 1
        df.update(set(d))
    return {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}, math.log(n + 1) + 1


def vector(words: Iterable[str], weights: Mapping[str, float], default: float) -> Vector:
    v: Vector = {}
    for w, c in Counter(words).items():
        v[w] = c * weights.get(w, default)
    return v


def add(into: Vector, v: Mapping[str, float], scale: float = 1.0) -> None:
    get = into.get
    for k, x in v.items():
        into[k] = get(k, 0.0) + scale * x


def norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def cosine(a: Mapping[str, float], b: Mapping[str, float], na: float | None = None,
           nb: float | None = None) -> float:
    """Cosine of two vectors; pass their norms when known (a centroid's is worth computing once)."""
    na = norm(a) if na is None else na
    nb = norm(b) if nb is None else nb
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[k] for k, x in a.items() if k in b) / (na * nb)
