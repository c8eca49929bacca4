"""Resources -> compiled matchers. Knows nothing about time or quotes."""
from .loader import Resources, load_resources
from .matcher import Grammar, trie_alternation


def expand(res: Resources, pattern: str) -> str:
    """``{lexicon}`` references -> trie alternations of the lexicon's surfaces (no capturing groups)."""
    return Grammar(res).pattern(pattern)


__all__ = ["Resources", "load_resources", "Grammar", "trie_alternation", "expand"]
