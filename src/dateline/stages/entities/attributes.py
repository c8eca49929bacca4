"""What an article says about the people it names: gender from the first name and from relation nouns, age
(rules ``entity_age_after``, ``entity_age_appos``, ``entity_age_before``), role nouns before a name
(``entity_relation_before``, ``entity_noun_before``), appositions (``entity_apposition``) and definite
descriptions linked to the person they describe (``entity_description``: "the 41-year-old singer")."""
from __future__ import annotations

from bisect import bisect_left

from .rules import EntityRules
from .work import END, ENT, LABEL, QUOTED, START, Work


def first_name_gender(w: Work, R: EntityRules) -> None:
    for e in w.ents:
        if e.label == "PERSON" and not e.gender and e.first and e.first in R.first_names:
            g = R.first_names[e.first]
            if g in ("male", "female"):
                e.gender = g


def mention_context(w: Work, R: EntityRules) -> list[tuple]:
    """Age, relation and role nouns around each person mention; appositions as extra mentions."""
    text, extra = w.text, []
    for m in w.mentions:
        if m[LABEL] != "PERSON" or m[ENT] is None or m[QUOTED]:
            continue
        e = w.ents[m[ENT]]
        a = R.age_after.match(text, m[END]) or R.age_appos.match(text, m[END])
        if a and e.age is None:
            e.age = int(a.group("age"))
        if e.age is None:
            b = R.age_before.search(text, max(0, m[START] - 60), m[START])
            if b:
                e.age = int(b.group("age"))
        if e.age is None and w.dates:
            born = R.born.match(text, m[END])
            if born and born.end() in w.dates:
                e.age = age_at(w.dates[born.end()], w.dct)
        r = R.relation_before.search(text, max(0, m[START] - 60), m[START])
        if r:
            noun = r.group("noun").lower()
            if R.gendered.get(noun) in ("male", "female"):
                e.gender = R.gendered[noun]
            e.add_noun(R.person_noun.get(noun, noun))
        nb = R.noun_before.search(text, max(0, m[START] - 30), m[START])
        if nb:
            _role_noun(e, nb.group("noun").lower(), R)
        ap = R.apposition.match(text, m[END])
        if ap:
            _role_noun(e, ap.group("noun").lower(), R)
            extra.append((ap.start() + 2, ap.end(), "PERSON", "description", m[ENT], False))
    return extra


def age_at(birth: str, dct: str) -> int | None:
    """Age at the publication date of someone born on ``birth`` (TIMEX3 YYYY or YYYY-MM-DD): whole years;
    with the year alone, the year's difference (the birthday may still be ahead)."""
    try:
        years = int(dct[:4]) - int(birth[:4])
    except ValueError:
        return None
    if len(birth) >= 10 and birth[4] == "-" and dct[4:10] < birth[4:10]:
        years -= 1
    return years if 0 <= years < 130 else None


def _role_noun(e, noun: str, R: EntityRules) -> None:
    e.add_noun(R.person_noun.get(noun, noun))
    if not e.gender and R.gendered.get(noun) in ("male", "female"):
        e.gender = R.gendered[noun]


def descriptions(w: Work, R: EntityRules) -> list[tuple]:
    """"the 41-year-old singer": a mention of the last person met before it with that age, noun or title."""
    by_age: dict[int, list[int]] = {}
    by_noun: dict[str, list[int]] = {}
    for i, m in enumerate(w.mentions):
        if m[ENT] is None or m[LABEL] != "PERSON":
            continue
        e = w.ents[m[ENT]]
        if e.age is not None:
            by_age.setdefault(e.age, []).append(i)
        for noun in e.nouns | ({e.title.lower()} if e.title else set()):
            by_noun.setdefault(noun, []).append(i)
    starts = [m[START] for m in w.mentions]
    out = []
    ages = R.age_description.finditer(w.text) if "-year-old" in w.text else ()    # the rule needs these words
    for d in _merged(R.description.finditer(w.text), ages):
        if w.in_quote(d.start()) is not None:
            continue
        noun = (d.groupdict().get("noun") or "").lower()
        noun = R.person_noun.get(noun, noun)
        limit = bisect_left(starts, d.start())          # mentions before the description
        found = [_last_below(by_noun.get(noun), limit)] if noun else []
        if d.group("age"):
            found.append(_last_below(by_age.get(int(d.group("age"))), limit))
        found = [i for i in found if i is not None]
        if found:
            out.append((d.start(), d.end(), "PERSON", "description", w.mentions[max(found)][ENT], False))
    return out


def _merged(a, b) -> list:
    """Two streams of matches in text order (at one position, the first stream's first)."""
    return sorted([*a, *b], key=lambda m: m.start())


def _last_below(idx: list[int] | None, limit: int):
    if not idx:
        return None
    k = bisect_left(idx, limit)
    return idx[k - 1] if k else None


def add_extra(w: Work, extra: list[tuple]) -> None:
    """Extra mentions (appositions, descriptions) that overlap no mention taken before them."""
    if not extra:
        return
    starts, ends = [], []                    # the text the mentions cover, as disjoint intervals
    for a, b in sorted((m[START], m[END]) for m in w.mentions):
        if ends and a < ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    taken_starts, taken_ends = [], []        # the extras taken so far (few), disjoint too
    for x in extra:
        if _overlaps(starts, ends, x) or _overlaps(taken_starts, taken_ends, x):
            continue
        w.mentions.append(x)
        k = bisect_left(taken_starts, x[START])
        taken_starts.insert(k, x[START])
        taken_ends.insert(k, x[END])
    w.mentions.sort(key=lambda m: m[START])


def _overlaps(starts: list[int], ends: list[int], x: tuple) -> bool:
    k = bisect_left(starts, x[END]) - 1      # the last interval starting before x ends
    return k >= 0 and ends[k] > x[START]
