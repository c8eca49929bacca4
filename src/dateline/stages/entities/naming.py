"""Names in an article: capitalized runs become people, organisations, places and works.

1. name candidates from capitalization (``_names.NameClassifier``); a quoted title or nickname is a WORK or
   nothing, never a person (rule ``entity_work_cue``);
2. people with a full name (or a title) first;
3. then single words: the surname or first name of a person met before, an organisation, or a new person
   when a reporting verb follows ("Okafor said", rule ``entity_verb_after``);
4. local bodies named in lower case ("the Harbor Falls city council", rule ``entity_local_body``).
"""
from __future__ import annotations

import re

from .._names import CEND, CGENDER, CLABEL, CSTART, CTITLE, CTOKENS
from .._text import is_title_case
from .rules import EntityRules
from .work import Work

_NEXT_WORD = re.compile(r"[ \t]*,?[ \t]*([A-Za-z’']+)")


def name_candidates(w: Work, names, R: EntityRules, model=None) -> list[tuple]:
    """(label, candidate, quoted) in text order: the rules' candidates, or the mention model's choice."""
    text, cands = w.text, []
    found = names.candidates(text) if model is None else model.choose(text, w.sstarts, names)
    if not w.regions:                               # nothing quoted: every candidate as it is
        return [(c[CLABEL], c, False) for c in found]
    for c in found:
        r = w.in_quote(c[CSTART])
        if r is None:
            cands.append((c[CLABEL], c, False))
            continue
        content = " ".join(text[a:b] for a, b in r.fragments).strip(" .,!?")
        if len(content) <= len(text[c[CSTART]:c[CEND]]) + 2 or is_title_case(content):
            # a quoted title or nickname: a WORK when the text says so, else nothing
            if R.work_cue.search(text, max(0, r.start - 40), r.start) and is_title_case(content):
                cands.append(("WORK", c, True))
            continue
        cands.append((c[CLABEL], c, True))
    return cands


def followed_by_verb(text: str, end: int, R: EntityRules) -> bool:
    # cheap test first: the next word is a verb or an auxiliary, or an apposition follows
    nw = _NEXT_WORD.match(text, end)
    if nw is None:
        return False
    word = nw.group(1).lower()
    if word not in R.verb_words and word not in R.aux_words and not word.endswith("ly") \
            and not nw.group().startswith(","):
        return False
    return bool(R.verb_after.match(text, end, min(len(text), end + 120)))


_COMMON = frozenset({"c0", "c1"})          # words news mostly writes in lower case: no one's name


def _common(word: str, R: EntityRules) -> bool:
    """A word news mostly writes in lower case and that is no surname ("agreement", "others")."""
    return R.caps.get(word) in _COMMON and word not in R.surnames


def org_evidence(w: Work, cands: list[tuple]) -> None:
    """The words of the organisations a document names: "USAir" after "USAir Group Inc" is the company,
    "Morgan Stanley" before "Morgan Stanley Group Inc" too."""
    text = w.text
    for label, c, _ in cands:
        if label == "ORG" and len(c[CTOKENS]) > 1:
            low = [text[a:b].rstrip(".").lower() for a, b in c[CTOKENS]]
            w.org_words.update(low)
            w.org_words.update(" ".join(low[:k]) for k in range(2, len(low)))


_OPEN = ("PERSON", "?")                    # the labels the full-name pass may take or change


def full_names(w: Work, cands: list[tuple], R: EntityRules) -> list[tuple]:
    """People named with two or more words (or a title); returns the other candidates, in order."""
    text, pending, by_name = w.text, [], {}
    org_evidence(w, cands)
    heads = [x for x in cands if x[0] in _OPEN and w.in_headline(x[1][CSTART])] if w.headlines else []
    order = [x for x in cands if not (x[0] in _OPEN and w.in_headline(x[1][CSTART]))] + heads if heads else cands
    for label, c, quoted in order:
        if label not in _OPEN:
            pending.append((label, c, quoted))    # an organisation, a place, a work, a first name, an acronym
            continue
        head = w.in_headline(c[CSTART])
        toks = [text[a:b].rstrip(".") for a, b in c[CTOKENS]]
        if label == "?" and 1 < len(toks) <= 3 and not quoted and all(t[:1].isupper() for t in toks) and \
                not _common(toks[-1].lower(), R) and (
                followed_by_verb(text, c[CEND], R) or R.age_after.match(text, c[CEND])
                or R.noun_before.search(text, max(0, c[CSTART] - 30), c[CSTART])
                or R.apposition.match(text, c[CEND])):
            label = "PERSON"
        if label == "PERSON" and len(toks) > 1 and not c[CTITLE]:
            low = [t.lower() for t in toks]
            if " ".join(low) in w.org_words or any(" ".join(low[:k]) in R.company for k in range(2, len(low) + 1)):
                label = "ORG"            # "Morgan Stanley (International)": a company's name
            elif _common(toks[-1].lower(), R):
                label = "?"              # "Paris Agreement": a first name, then a common word
        if label == "?" and len(toks) > 1:
            continue
        if label != "PERSON" or len(toks) == 1:
            pending.append((label, c, quoted))
            continue
        low = [t.lower() for t in toks]
        ei = by_name.get((low[0], low[-1]))
        if ei is None and low[0] in R.particles:
            ei = w.people.match(low[-1], c[CSTART])      # "De Croo" after "Herman De Croo"
        if ei is None and head:
            continue                     # a headline alone never makes a person
        if ei is None:
            ei = by_name[(low[0], low[-1])] = w.new_ent("PERSON", ("PERSON", " ".join(low)))
            w.ents[ei].first, w.ents[ei].last = low[0], low[-1]
            if len(low) == 2 and _GIVEN_HYPHENATED.fullmatch(low[1]):
                w.ents[ei].first, w.ents[ei].last = low[1], low[0]     # "Ban Ki-moon": the surname first
        named(w, ei, c, R)
        w.people.add(w.ents[ei], c[CSTART], ei, late=False)
        w.add_mention(c[CSTART], c[CEND], "PERSON", "name", ei, quoted)
    pending.sort(key=lambda x: x[1][CSTART])
    return pending


def single_names(w: Work, pending: list[tuple], R: EntityRules) -> None:
    """Organisations, places and works, and people named by one word."""
    text = w.text
    for label, c, quoted in pending:
        if label == "?" and len(c[CTOKENS]) != 1:
            continue
        toks = c[CTOKENS]
        low = text[toks[0][0]:toks[0][1]].rstrip(".").lower() if len(toks) == 1 else \
            " ".join([text[a:b].rstrip(".").lower() for a, b in toks])
        if label in ("ORG", "GPE", "WORK"):
            ei = w.named_ent(label, (label, low))
            w.ents[ei].names.append(text[c[CSTART]:c[CEND]])
            w.add_mention(c[CSTART], c[CEND], label, "name", ei, quoted)
            continue
        if len(c[CTOKENS]) != 1:
            continue
        ei = w.people.match(low, c[CSTART])
        if ei is None:
            label = _unmatched_label(w, label, low, c, R)
            if label is None:
                continue
            if label == "ORG":
                ei = w.named_ent("ORG", ("ORG", low))
                w.ents[ei].names.append(text[c[CSTART]:c[CEND]])
                w.add_mention(c[CSTART], c[CEND], "ORG", "name", ei, quoted)
                continue
            if quoted or w.in_headline(c[CSTART]) or not (label == "PERSON" or followed_by_verb(text, c[CEND], R) or R.age_after.match(text, c[CEND])
                              or c[CTITLE]):
                continue
            ei = _new_person(w, label, low)
        named(w, ei, c, R)
        w.people.add(w.ents[ei], c[CSTART], ei, late=True)
        w.add_mention(c[CSTART], c[CEND], "PERSON", "name", ei, quoted)


def _unmatched_label(w: Work, label: str, low: str, c, R: EntityRules):
    """The label of a single word naming nobody met before, None when it names nothing."""
    if label == "?ACRONYM" and len(low) > 1:
        return "ORG"              # an unmatched acronym names an organisation
    if label == "?" and (low in R.person_noun or low in R.org_suffix or _common(low, R)):
        return None               # "Analysts said", "Others said": common words, not names
    if label in ("?", "PERSON") and not c[CTITLE] and _group_noun(low, R):
        return None               # "Rescuers said", "Volunteers said": people in the plural, no name
    if label in ("?", "?FIRST", "PERSON") and not c[CTITLE] and (low in w.org_words or low in R.company):
        return "ORG"              # "USAir said" after "USAir Group Inc", or a word of company names
    if label in ("?", "?ACRONYM") and R.the_before.search(w.text, max(0, c[CSTART] - 4), c[CSTART]) \
            and followed_by_verb(w.text, c[CEND], R):
        return "ORG"              # "the Bundesbank said": a capitalized institution after "the"
    return label if label in ("?", "?FIRST", "PERSON", "ORG") else None


_GIVEN_HYPHENATED = re.compile(r"[a-z]{1,4}-[a-z]{2,5}")
_GROUP_ENDINGS = ("ers", "ists", "ians", "ants", "ents", "ees")


def _group_noun(low: str, R: EntityRules) -> bool:
    """A plural noun for people that no name list holds: "rescuers", "medics" (the singular is a noun for
    people), "volunteers"; not "Peters" or "Rogers" (surnames)."""
    if not low.endswith("s") or low in R.surnames or low in R.first_names:
        return False
    return low[:-1] in R.person_noun or low.endswith(_GROUP_ENDINGS)


def _new_person(w: Work, label: str, low: str) -> int:
    ei = w.by_key.get(("PERSON", low))
    if ei is None:
        ei = w.new_ent("PERSON", ("PERSON", low))
        if label == "?FIRST":
            w.ents[ei].first = low
        else:
            w.ents[ei].last = low
    return ei


def named(w: Work, ei: int, c, R: EntityRules) -> None:
    """A person named by candidate ``c``: keep the name form, and its title and gender when new."""
    e = w.ents[ei]
    e.names.append(w.text[c[CSTART]:c[CEND]])
    if c[CTITLE] and not e.title:
        e.title = c[CTITLE]
    g = c[CGENDER]
    if not g and c[CTITLE]:
        g = R.gendered.get(c[CTITLE].lower().rstrip("."))
        g = g if g in ("male", "female") else None
    if g and not e.gender:
        e.gender = g


def local_bodies(w: Work, R: EntityRules) -> None:
    if not any(word in w.text for word in R.local_body_words):
        return
    for lb in R.local_body.finditer(w.text):
        if w.in_quote(lb.start()) is None:
            ei = w.named_ent("ORG", ("ORG", lb.group().lower()))
            w.ents[ei].names.append(lb.group())
            w.add_mention(lb.start(), lb.end(), "ORG", "name", ei, False)
