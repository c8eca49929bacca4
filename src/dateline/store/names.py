"""Cross-article identity: a person's merge key from a canonical name, and the quote dedup key.

``person_key("Sen. Bill Clinton Jr.") == ("clinton", "william")``: titles and suffixes go (and all before a
title inside the name: "Energy Minister Subroto"), the first name is mapped through ``nicknames.tsv`` (data,
not code), middle names are dropped. A surname alone gives ``first == ""`` and an initial gives
``first == "w"``; ``merge_target`` says which full name such a partial name joins across articles (the rule
is documented there and in docs/store_and_api.md).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le",
                       "al", "el", "bin", "ben", "ibn", "st", "mac", "ter"})
EXTRA_TITLES = ("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rev", "fr", "gen",
                "col", "maj", "capt", "lt", "sgt", "adm", "hon", "sheikh", "prince", "princess", "king",
                "queen", "pope", "mayor", "judge", "justice", "chairman", "minister", "secretary")


def _read_tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, _, b = line.partition("\t")
            out[a.strip().lower()] = b.strip().lower()
    return out


@lru_cache(maxsize=1)
def nicknames() -> dict[str, str]:
    return _read_tsv(HERE / "nicknames.tsv")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    try:
        from ..grammar import load_resources
        return frozenset(_fold(w) for w in load_resources("en").lexicon("first_name")) | frozenset(nicknames())
    except Exception:
        return frozenset(nicknames()) | frozenset(nicknames().values())


@lru_cache(maxsize=1)
def titles() -> tuple[tuple[str, ...], ...]:
    """Title word sequences, longest first ("vice president" before "president")."""
    found = set(EXTRA_TITLES)
    try:
        from ..grammar import load_resources
        found |= set(load_resources("en").lexicon("title"))
    except Exception:       # the shared lexicon is optional here; the built-in list still applies
        pass
    seqs = {tuple(_fold(t).split()) for t in found if _fold(t).strip()}
    return tuple(sorted(seqs, key=lambda s: (-len(s), s)))


def _fold(s: str) -> str:
    """Lower case, no accents, no punctuation except inner hyphens and apostrophes; one space."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[’`]", "'", s)
    s = re.sub(r"[^\w\s'-]", " ", s)
    s = re.sub(r"(?<!\w)['-]|['-](?!\w)", " ", s)
    return " ".join(s.split())


_GIVEN_HYPHENATED = re.compile(r"[a-z]{1,4}-[a-z]{2,5}")


def person_key(name: str) -> tuple[str, str] | None:
    """(surname, first) for a person's name; None when nothing name-like is left."""
    toks = _fold(name).replace("'s ", " ").split()
    changed = True
    while changed and toks:
        changed = False
        for seq in titles():
            if len(toks) > len(seq) and tuple(toks[:len(seq)]) == seq:
                toks = toks[len(seq):]
                changed = True
                break
    while len(toks) > 1 and toks[-1] in SUFFIXES:
        toks = toks[:-1]
    if len(toks) == 2 and _GIVEN_HYPHENATED.fullmatch(toks[1]):
        return toks[0], toks[1]                         # "Ban Ki-moon", "Li Ka-shing": the surname first
    toks = _after_inner_title(toks)
    while len(toks) > 1 and toks[0] in common_words() and toks[0] not in first_names() \
            and toks[0] not in PARTICLES:
        toks = toks[1:]                                 # "Energy Subroto": a word news writes in lower case
    if len(toks) >= 3 and toks[0] not in first_names():
        # a title word the lexicon missed ("Exchequer Nigel Lawson", "Agriculture Richard Lyng")
        for i in range(1, len(toks) - 1):
            if toks[i] in first_names() and toks[i] not in PARTICLES:
                toks = toks[i:]
                break
    toks = [t for t in toks if not t.isdigit()]
    if not toks:
        return None
    i = len(toks) - 1
    while i > 0 and toks[i - 1] in PARTICLES and (i > 1 or toks[0] not in first_names()):
        i -= 1                                          # "van Beethoven", "De Croo"; but "Al Gore"
    surname = " ".join(toks[i:])
    if i == 0:
        return surname, ""                              # "Reagan", "De Croo": a surname alone
    first = toks[0]
    if len(first) == 1:
        return surname, first                         # an initial
    return surname, nicknames().get(first, first)


def _after_inner_title(toks: list[str]) -> list[str]:
    """The words after the last title inside a name: "energy minister subroto" -> ["subroto"]."""
    seqs = titles()
    for i in range(len(toks) - 2, 0, -1):
        for seq in seqs:
            k = len(seq)
            if i + 1 >= k and tuple(toks[i + 1 - k:i + 1]) == seq:
                return toks[i + 1:]
    return toks


# -- one person across articles ---------------------------------------------------------------------------
DOMINANT_ARTICLES = 3        # a bare surname joins one of several full names only when that one is named in
DOMINANT_RATIO = 2.0         # at least this many articles, and this many times as many as all the others


def merge_target(first: str, fulls: list[tuple[int, str, int]]) -> int | None:
    """Which full name a partial one ("Reagan", "R. Reagan") is, across articles; None: nobody, or unsure.

    ``first`` is the partial name's first name ("" for a surname alone, or an initial); ``fulls`` are the
    full names with that surname: (person pk, first name, number of articles naming that person in full).
    Within one article the entities stage already joins "Reagan" to an earlier "Ronald Reagan". Across
    articles, a partial name joins the full name that fits (the same initial, or any first name for a bare
    surname) when exactly one fits; when several fit (Ronald and Nancy Reagan, James and Howard Baker), it
    joins the one the articles name far more often: in at least DOMINANT_ARTICLES articles and at least
    DOMINANT_RATIO times as many articles as all the other fitting full names together. Otherwise the
    partial name stays a person of its own, so that two people who share a surname are never merged on a
    guess."""
    fit = [f for f in fulls if f[1].startswith(first)]
    if len(fit) == 1:
        return fit[0][0]
    if len(fit) < 2:
        return None
    fit.sort(key=lambda f: (-f[2], f[0]))
    best, rest = fit[0], sum(f[2] for f in fit[1:])
    if best[2] >= DOMINANT_ARTICLES and best[2] >= DOMINANT_RATIO * rest:
        return best[0]
    return None


def display_name(name: str) -> str:
    """The name without the words in front that do not change who it is: "Sen. Bill Clinton Jr." ->
    "Bill Clinton Jr.", "Exchequer Nigel Lawson" -> "Nigel Lawson"."""
    toks = name.split()
    key = person_key(name)
    best = name
    for i in range(1, len(toks)):
        cand = " ".join(toks[i:])
        if person_key(cand) != key:
            break
        best = cand
    return best


@lru_cache(maxsize=1)
def org_suffixes() -> frozenset[str]:
    found = {"inc", "corp", "co", "ltd", "plc", "lp", "llc", "ag", "sa", "nv", "bv", "gmbh", "spa"}
    try:
        from ..grammar import load_resources
        found |= {_fold(w).replace(" ", "") for w in load_resources("en").lexicon("org_suffix")}
    except Exception:
        pass
    return frozenset(found)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words news mostly writes in lower case (lexicon/caps_rate.tsv, bands c0 and c1)."""
    try:
        from ..grammar import load_resources
        return frozenset(w for w, b in load_resources("en").lexicon("caps_rate").items() if b in ("c0", "c1"))
    except Exception:
        return frozenset()


@lru_cache(maxsize=1)
def companies() -> frozenset[str]:
    """Company names and words (lexicon/company.tsv, from Reuters-21578): "kodak", "morgan stanley"."""
    try:
        from ..grammar import load_resources
        return frozenset(_fold(w) for w in load_resources("en").lexicon("company"))
    except Exception:
        return frozenset()


@lru_cache(maxsize=1)
def _lexicon_words() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns for people, words that never make a personal name) from the shared lexicons."""
    try:
        from ..grammar import load_resources
        res = load_resources("en")
        return frozenset(_fold(w) for w in res.lexicon("person_noun")), \
            frozenset(_fold(w) for w in res.lexicon("nonperson"))
    except Exception:
        return frozenset(), frozenset()


def entity_key(name: str, label: str) -> tuple[str, str | None, str] | None:
    """(key, surname, first) for any entity; non-persons merge only on the exact folded name.
    A "person" whose name ends like a company ("Harris Associates L.P.") is kept as an ORG, one that is
    a noun for people ("Analysts", "Officials") as a GROUP; None when nothing is left that names anyone
    (a lone letter, a month, a function word)."""
    folded = _fold(name)
    toks = folded.split()
    if not toks:
        return None
    nouns, never = _lexicon_words()
    if label == "PERSON" and len(toks) == 1:
        if toks[0] in nouns:
            return f"group:{toks[0]}", None, ""
        if len(toks[0]) == 1 or toks[0] in never:
            return None
    if label == "PERSON" and folded and (folded.split()[-1] in org_suffixes()
                                         or folded.replace(" ", "").endswith(("lp", "llc"))
                                         and "." in name
                                         or folded in companies()
                                         or " ".join(toks[:2]) in companies()):
        label = "ORG"               # "Kodak", "Morgan Stanley International": a company, never a person
    if label == "PERSON":
        pk = person_key(name)
        if pk is not None:
            return f"{pk[0]}|{pk[1]}", pk[0], pk[1]
    return f"{label.lower()}:{_fold(name)}", None, ""


def slug(key: str) -> str:
    """Public person id from a merge key: "clinton|william" -> "william-clinton"."""
    if "|" in key:
        surname, first = key.split("|", 1)
        words = ([first] if first else []) + [surname]
    else:
        label, _, rest = key.partition(":")
        words = [label, rest]
    s = re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")
    return s or "x"


def quote_key(text: str, speaker_key: str) -> str:
    norm = re.sub(r"[^\w]+", " ", unicodedata.normalize("NFKC", text).lower()).strip()
    return hashlib.sha1(f"{norm}\x1f{speaker_key}".encode("utf-8")).hexdigest()


def is_full_first(first: str) -> bool:
    return len(first) > 1
