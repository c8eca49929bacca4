"""Word lists as regex alternations factored into a trie, so that the engine fails fast on a wrong first letter."""
from __future__ import annotations

import re

from . import regex as rx


def trie_alternation(words) -> str:
    """A regex matching any of ``words`` (longest first), factored as a trie so it fails fast."""
    words = sorted(words)
    return rx.memo("trie", "\n".join(words), 0, lambda: _trie_alternation(words))


def _trie_alternation(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body
    return "(?:" + emit(trie) + ")"
