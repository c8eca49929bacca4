"""ROUGE-1/2 counts as ROUGE-1.5.5 computes them with the options tilse (and so news-tls) passes it:
``-n 2 -x -f A -t 2 -m -s`` (n-grams up to 2, raw counts, Porter stemming, stopwords removed).

Tokenisation, in ROUGE-1.5.5's order: lowercase; a hyphen becomes its own token; every character
other than a-z, 0-9 and the hyphen becomes a space; split on spaces; drop stopwords (the 598 words of
ROUGE's ``smart_common_words.txt``); keep only tokens starting with a letter or digit (so the hyphen
tokens go); a token longer than 3 characters is replaced by its WordNet 2.0 exception form if it has
one ("children" -> "child"), else by its Porter stem (ROUGE's Perl stemmer, with its 2004 change to
step 4). Bigrams are built after the stopwords are gone. ``counts(peer, model)`` gives the hit,
peer and model n-gram counts (``H_count``, ``P_count``, ``M_count`` in ROUGE's raw output), clipped
per n-gram. The word lists are in ``resources/eval`` (see the README there for their origin).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "eval"

_NON_WORD = re.compile(r"[^a-z0-9\-]")
_HYPHEN = re.compile(r"-")

_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
          "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
          "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
          "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_c, _v = "[^aeiou]", "[aeiouy]"
_C, _V = f"{_c}[^aeiouy]*", f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")              # m > 0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")      # m = 1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")      # m > 1
_VOWEL_IN = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")
_S2 = re.compile("(" + "|".join(_STEP2) + ")$")
_S3 = re.compile("(" + "|".join(_STEP3) + ")$")
_S4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter(w: str) -> str:
    """ROUGE-1.5.5's Porter stemmer (Porter 1980, with C.-Y. Lin's 2004 change to step 4)."""
    if len(w) < 3:
        return w
    y = w[0] == "y"
    if y:
        w = "Y" + w[1:]
    m = re.search("(ss|i)es$", w)                                           # step 1a
    if m:
        w = w[:m.start()] + m.group(1)
    else:
        m = re.search("([^s])s$", w)
        if m:
            w = w[:m.start()] + m.group(1)
    if w.endswith("eed"):                                                   # step 1b
        if _MGR0.search(w[:-3]):
            w = w[:-1]
    else:
        m = re.search("(ed|ing)$", w)
        if m and _VOWEL_IN.search(w[:m.start()]):
            w = w[:m.start()]
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if w.endswith("y") and _VOWEL_IN.search(w[:-1]):                        # step 1c
        w = w[:-1] + "i"
    w = _replace_suffix(w, _S2, _STEP2)                                     # step 2
    w = _replace_suffix(w, _S3, _STEP3)                                     # step 3
    m = _S4.search(w)                                                       # step 4
    if m and _MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    if w.endswith("ment") and _MGR1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _MGR1.search(w[:-3]):
            w = w[:-3]
    else:
        m = re.search("(s|t)(ion)$", w)
        if m and _MGR1.search(w[:m.start(2)]):
            w = w[:m.start(2)]
    if w.endswith("e"):                                                     # step 5
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if y:
        w = "y" + w[1:]
    return w


def _replace_suffix(w: str, rx: re.Pattern, table: dict[str, str]) -> str:
    m = rx.search(w)
    if m and _MGR0.search(w[:m.start()]):
        return w[:m.start()] + table[m.group(1)]
    return w


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(l.strip() for l in (RESOURCES / "rouge_stopwords.txt").read_text(encoding="utf-8").splitlines()
                     if l.strip())


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, str]:
    out = {}
    for line in (RESOURCES / "rouge_exceptions.tsv").read_text(encoding="utf-8").splitlines():
        word, _, base = line.partition("\t")
        if base:
            out[word] = base
    return out


@lru_cache(maxsize=200_000)
def _stem(tok: str) -> str:
    return _exceptions().get(tok) or porter(tok)


def tokens(text: str) -> list[str]:
    """ROUGE-1.5.5's tokens of one text (``-m -s``): lowercased, split, stopwords out, stemmed."""
    return list(_tokens(text))


@lru_cache(maxsize=100_000)
def _tokens(text: str) -> tuple[str, ...]:
    text = _NON_WORD.sub(" ", _HYPHEN.sub(" - ", text.lower()))
    stop = _stopwords()
    out = []
    for t in text.split():
        if t in stop or not ("a" <= t[0] <= "z" or "0" <= t[0] <= "9"):
            continue
        out.append(_stem(t) if len(t) > 3 else t)
    return tuple(out)


def ngrams(sentences: Iterable[str], n: int) -> Counter:
    """The n-grams of a summary: its sentences joined (ROUGE reads them as one text, so an n-gram
    may span two sentences; tokens never do, so each sentence is tokenised on its own)."""
    toks = [t for s in sentences for t in _tokens(s)]
    return Counter(zip(*(toks[i:] for i in range(n))))


def counts(peer: Sequence[str], model: Sequence[str], n: int) -> tuple[int, int, int]:
    """(hits, peer n-grams, model n-grams) of one peer summary against one model summary."""
    p, m = ngrams(peer, n), ngrams(model, n)
    hit = sum(min(c, m[g]) for g, c in p.items() if g in m)
    return hit, sum(p.values()), sum(m.values())
