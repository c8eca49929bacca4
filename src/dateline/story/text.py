"""Words of a sentence for comparing sentences: lower-cased runs of letters and digits, function words
out, each cut to its first 6 characters (a cheap stem: "drilling", "drilled" -> "drilli", "drille";
"spill", "spills" -> "spill", "spills" is close enough for a bag of words). Plus tf-idf vectors and
their cosine, as plain dicts."""
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


def terms(sentence: str) -> list[str]:
    """The content words of a sentence, stemmed by truncation."""
    stop = function_words()
    out = []
    for w in _WORD.findall(sentence.lower()):
        w = w.split("'", 1)[0]
        if len(w) > 1 and w not in stop and not w.isdigit():
            out.append(w[:STEM])
    return out


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
    for k, x in v.items():
        into[k] = into.get(k, 0.0) + scale * x


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
