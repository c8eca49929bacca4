"""Small text predicates shared by the entities and quotes stages."""
from __future__ import annotations

import re

_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "with", "at", "by", "from", "is"})


def is_title_case(s: str) -> bool:
    """"Never Break", "The Art of War": up to 8 words, each capitalized or a small word, the first capitalized."""
    words = _TITLE_WORD.findall(s)
    if not words or len(words) > 8:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][0].isupper()


_TRIM = frozenset(" \t\r\n\"'“”‘’«»`,.;:")


def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    """[a, b) without spaces, quote marks and , . ; : at both ends (the attribution scorer's exact match)."""
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b
