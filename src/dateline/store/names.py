"""Cross-article identity: a person's merge key from a canonical name, and the quote dedup key.

``person_key("Sen. Bill Clinton Jr.") == ("clinton", "william")``: titles and suffixes go, the first
name is mapped through ``nicknames.tsv`` (data, not code), middle names are dropped. A surname alone
gives ``first == ""`` and an initial gives ``first == "w"``; the store merges those into a full name
only when exactly one person with that surname (and initial) is known, so two different people who
share a surname are never merged.
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
    while i > 0 and toks[i - 1] in PARTICLES and i - 1 > 0:
        i -= 1
    surname = " ".join(toks[i:])
    if i == 0:
        return surname, ""
    first = toks[0]
    if len(first) == 1:
        return surname, first                         # an initial
    return surname, nicknames().get(first, first)


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
                                         and "." in name):
        label = "ORG"
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
