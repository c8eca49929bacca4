"""Regex helpers for the entities and quotes stages: trie alternations for long word lists."""
from __future__ import annotations

import re


def trie_alternation(words) -> str:
    """A regex that matches exactly the given words, built as a trie so the engine never tries
    hundreds of branches at one position ("said|says|saying" -> "sa(?:id|ys|ying)")."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            branches.append(re.escape(ch) + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def expand(res, pattern: str) -> str:
    """Like ``Resources.pattern`` (``{lexicon}`` -> the lexicon's surfaces), but as trie alternations."""
    return _REF.sub(lambda m: trie_alternation(res.words(m.group(1))), pattern)


_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "with", "at", "by", "from", "is"})


def is_title_case(s: str) -> bool:
    """"Never Break", "The Art of War": up to 8 words, each capitalized or a small word, the first capitalized."""
    words = _TITLE_WORD.findall(s)
    if not words or len(words) > 8:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][0].isupper()
