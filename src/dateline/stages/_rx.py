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
