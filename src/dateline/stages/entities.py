"""People and organisations: mentions, within-article coreference, gender and age.

Rules, in order (all word lists are data in ``resources/en/lexicon``):
1. name candidates from capitalization (``_names.NameClassifier``): titles (``title.tsv``) stripped and kept
   as an attribute, organisations by suffix word or lexicon, places by lexicon, people by first name
   (``first_name.tsv``, US Census) or title; a quoted title or nickname is a WORK or nothing, never a person;
2. names linked within the article: full name <-> surname <-> first name; an unknown capitalized word
   that a reporting verb follows ("Teigen said") is a person;
3. appositions and descriptions: "his wife, X", "X, 34,", "the 34-year-old singer", "spokeswoman X";
4. gender from the first name, titles (Mr./Mrs.), relation nouns (wife/husband) and the pronouns that follow
   a person's mention; age as stated at the publication date;
5. pronouns (he/she/they...) outside direct quotes, resolved by gender and recency, subjects first.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from types import MappingProxyType

from ..model import Document, Entity, Mention
from ._names import NameClassifier
from ._quotemarks import find_regions
from ..grammar import expand
from ._text import is_title_case as _is_title_case
from .registry import stage


_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")


class _Ent:
    __slots__ = ("label", "names", "mentions", "gender", "age", "title", "first", "last", "nouns", "key")

    def __init__(self, label, key):
        self.label = label
        self.key = key
        self.names: list[str] = []
        self.mentions: list[int] = []     # indexes into the mention list
        self.gender = None
        self.age = None
        self.title = None
        self.first = None
        self.last = None
        self.nouns: set[str] = set()


@stage("entities", requires={"paragraphs", "sentences"}, assigns={"mentions", "entities"})
def make_entities(settings, res):
    names = NameClassifier(res)
    entity_rules = {r["name"]: r["match"] for r in res.rules("entity")}
    work_cues = re.compile(expand(res, entity_rules["entity_work_cue"]), re.I)
    first_names = res.lexicon("first_name")
    pronouns = res.lexicon("pronoun")
    gendered = res.lexicon("gendered_noun")
    person_noun = res.lexicon("person_noun")
    org_suffix = res.words("org_suffix")
    local_body = re.compile(expand(res, entity_rules["entity_local_body"]))
    # the first letter leads (the engine scans for it), then the word-start test (2x faster than a lookbehind first)
    pron_rx = re.compile(r"[HhSsTt](?<![\w’'-].)(?:(?<=[Hh])(?:e|is|im(?:self)?|er(?:s|self)?)|(?<=[Ss])he|"
                         r"(?<=[Tt])he(?:y|m(?:selves)?|irs?))(?![\w’'-])")
    verb_after = re.compile(expand(res, r"[ \t]*(?:,[^,]{1,80},[ \t]*)?(?:(?:also|later|then|has|had|have|"
                                        r"previously|once|recently|further|again|[a-z]+ly)[ \t]+)*"
                                        r"(?:{cue_verbs})\b"), re.I)
    next_word = re.compile(r"[ \t]*,?[ \t]*([A-Za-z’']+)")
    verb_words = res.words("cue_verbs")
    aux_words = frozenset("also later then has had have previously once recently further again".split())
    age_after = re.compile(r",[ \t]*(\d{1,3}),")
    age_before = re.compile(r"(\d{1,3})-year-old[ \t]+(?:[A-Za-z-]+[ \t]+){0,3}$")
    age_appos = re.compile(r",[ \t]*(?:an?|the)[ \t]+(\d{1,3})-year-old\b")       # "X, a 34-year-old teacher"
    rel_before = re.compile(expand(res, r"\b(?:his|her|their|[A-Z][\w’'-]*(?:['’]s?))[ \t]+"
                                        r"(?:(?:new|late|former|longtime|then-|estranged)[ \t]*)?"
                                        r"(?P<noun>{gendered_noun}|{person_noun}),?[ \t]+$"), re.I)
    noun_before = re.compile(expand(res, r"\b(?P<noun>{person_noun}|{gendered_noun})[ \t]+$"))
    desc_rx = re.compile(expand(res, r"(?=[Tt])\b(?:[Tt]he|[Tt]his|[Tt]hat)[ \t]+(?:(?P<age>\d{1,3})-year-old[ \t]+)?"
                                     r"(?:(?:former|[A-Z][a-z]+|[a-z]+-[a-z]+|top|senior|longtime|embattled|"
                                     r"presidential|vice[ \t]+presidential|[a-z]+al)[ \t]+){0,2}"
                                     r"(?P<noun>{person_noun})\b"))
    appos_after = re.compile(expand(res, r",[ \t]+(?:the|a|an|his|her|their)[ \t]+(?:[\w-]+[ \t]+){0,4}?"
                                         r"(?P<noun>{person_noun}|{gendered_noun})\b"))

    def entities(doc: Document) -> Document:
        otext = doc.text
        text = otext.replace("\xa0", " ") if "\xa0" in otext else otext    # same length: offsets hold
        regions, _ = find_regions(text, doc.paragraphs)
        rstarts = [r.start for r in regions]
        sstarts = [s.start for s in doc.sentences] or [0]

        def in_quote(i: int):
            k = bisect_right(rstarts, i) - 1
            if k >= 0 and regions[k].start <= i < regions[k].end:
                return regions[k]
            return None

        def sent(i: int) -> int:
            return max(0, bisect_right(sstarts, i) - 1)

        # ---- 1. name candidates ---------------------------------------------------------------
        cands = []
        for c in names.candidates(text):
            r = in_quote(c.start)
            if r is not None:
                content = " ".join(text[a:b] for a, b in r.fragments).strip(" .,!?")
                name = text[c.start:c.end]
                if len(content) <= len(name) + 2 or _is_title_case(content):
                    # a quoted title or nickname: a WORK when the text says so, else nothing
                    if work_cues.search(text, max(0, r.start - 40), r.start) and _is_title_case(content):
                        cands.append(("WORK", c, True))
                    continue
                cands.append((c.label, c, True))
            else:
                cands.append((c.label, c, False))

        ents: list[_Ent] = []
        mentions: list[list] = []          # [start, end, label, kind, ent index or None, quoted]
        by_key: dict = {}

        def new_ent(label, key):
            e = _Ent(label, key)
            ents.append(e)
            by_key[key] = len(ents) - 1
            return len(ents) - 1

        def add_mention(s, e, label, kind, ei, quoted=False):
            mentions.append([s, e, label, kind, ei, quoted])
            if ei is not None:
                ents[ei].mentions.append(len(mentions) - 1)

        def followed_by_verb(c) -> bool:
            # cheap test first: the next word is a verb or an auxiliary, or an apposition follows
            w = next_word.match(text, c.end)
            if w is None or (w.group(1).lower() not in verb_words and w.group(1).lower() not in aux_words
                             and not w.group(1).endswith("ly") and not w.group().startswith(",")):
                return False
            return bool(verb_after.match(text, c.end, min(len(text), c.end + 120)))

        # ---- 2. people with a full name (or a title) first, then single tokens ----------------
        pending = []
        for label, c, quoted in cands:
            toks = [text[a:b].rstrip(".") for a, b in c.tokens]
            if label == "?" and 1 < len(toks) <= 3 and not quoted and all(t[:1].isupper() for t in toks) and (
                    followed_by_verb(c) or age_after.match(text, c.end)
                    or noun_before.search(text, max(0, c.start - 30), c.start)
                    or appos_after.match(text, c.end)):
                label = "PERSON"
            if label == "PERSON":
                low = [t.lower() for t in toks]
                key = None
                if len(low) == 1:
                    pending.append((label, c, quoted))
                    continue
                for ei, e in enumerate(ents):
                    if e.label == "PERSON" and e.first == low[0] and e.last == low[-1]:
                        key = ei
                        break
                if key is None:
                    key = new_ent("PERSON", ("PERSON", " ".join(low)))
                    ents[key].first, ents[key].last = low[0], low[-1]
                _named(ents[key], c, text, gendered)
                add_mention(c.start, c.end, "PERSON", "name", key, quoted)
            else:
                pending.append((label, c, quoted))

        # index of person tokens for surname / first-name matching
        person_tokens = {x for e in ents if e.label == "PERSON" for x in (e.first, e.last) if x}
        for label, c, quoted in pending:
            if label == "?" and len(c.tokens) != 1:
                continue
            toks = [text[a:b].rstrip(".") for a, b in c.tokens]
            low = " ".join(t.lower() for t in toks)
            if label in ("ORG", "GPE", "WORK"):
                key = (label, low)
                ei = by_key.get(key)
                if ei is None:
                    ei = new_ent(label, key)
                ents[ei].names.append(text[c.start:c.end])
                add_mention(c.start, c.end, label, "name", ei, quoted)
                continue
            if len(toks) != 1:
                continue
            ei = _match_person(ents, mentions, low, c.start) if low in person_tokens else None
            if ei is None and label == "?ACRONYM" and len(low) > 1:
                label = "ORG"             # an unmatched acronym names an organisation
            if ei is None and label == "?" and (low in person_noun or low in org_suffix):
                continue                  # "Analysts said", "Brokers said": common nouns, not names
            if ei is None and label in ("?", "?ACRONYM") and _THE_BEFORE.search(text, max(0, c.start - 4), c.start) \
                    and followed_by_verb(c):
                label = "ORG"             # "the Bundesbank said": a capitalized institution after "the"
            if ei is None and label == "ORG":
                key = ("ORG", low)
                ei = by_key.get(key)
                if ei is None:
                    ei = new_ent("ORG", key)
                ents[ei].names.append(text[c.start:c.end])
                add_mention(c.start, c.end, "ORG", "name", ei, quoted)
                continue
            if ei is None and label in ("?", "?FIRST", "PERSON") and not quoted and (
                    followed_by_verb(c) or age_after.match(text, c.end) or c.title):
                key = ("PERSON", low)
                ei = by_key.get(key)
                if ei is None:
                    ei = new_ent("PERSON", key)
                    if label == "?FIRST":
                        ents[ei].first = low
                    else:
                        ents[ei].last = low
                    person_tokens.add(low)
            if ei is None:
                continue
            _named(ents[ei], c, text, gendered)
            add_mention(c.start, c.end, "PERSON", "name", ei, quoted)

        # local bodies named in lowercase: "the Harbor Falls city council voted"
        if "ouncil" in text or "oard" in text or "ommission" in text:
            for lb in local_body.finditer(text):
                if in_quote(lb.start()) is None:
                    key = ("ORG", lb.group().lower())
                    ei = by_key.get(key)
                    if ei is None:
                        ei = new_ent("ORG", key)
                    ents[ei].names.append(lb.group())
                    add_mention(lb.start(), lb.end(), "ORG", "name", ei, False)

        mentions.sort(key=lambda m: m[0])
        for e in ents:
            e.mentions = []
        for i, m in enumerate(mentions):
            if m[4] is not None:
                ents[m[4]].mentions.append(i)

        # ---- 3. attributes: first-name gender, age, relation nouns and appositions ---------------
        for e in ents:
            if e.label == "PERSON" and not e.gender and e.first and e.first in first_names:
                g = first_names[e.first]
                if g in ("male", "female"):
                    e.gender = g
        extra = []
        for m in mentions:
            if m[2] != "PERSON" or m[4] is None or m[5]:
                continue
            e = ents[m[4]]
            a = age_after.match(text, m[1]) or age_appos.match(text, m[1])
            if a and e.age is None:
                e.age = int(a.group(1))
            b = age_before.search(text, max(0, m[0] - 60), m[0])
            if b and e.age is None:
                e.age = int(b.group(1))
            r = rel_before.search(text, max(0, m[0] - 60), m[0])
            if r:
                noun = r.group("noun").lower()
                if noun in gendered and gendered[noun] in ("male", "female"):
                    e.gender = gendered[noun]
                e.nouns.add(person_noun.get(noun, noun))
            nb = noun_before.search(text, max(0, m[0] - 30), m[0])
            if nb:
                noun = nb.group("noun").lower()
                e.nouns.add(person_noun.get(noun, noun))
                if not e.gender and gendered.get(noun) in ("male", "female"):
                    e.gender = gendered[noun]
            ap = appos_after.match(text, m[1])
            if ap:
                noun = ap.group("noun").lower()
                e.nouns.add(person_noun.get(noun, noun))
                if not e.gender and gendered.get(noun) in ("male", "female"):
                    e.gender = gendered[noun]
                extra.append([ap.start() + 2, ap.end(), "PERSON", "description", m[4], False])

        # ---- 4. gender from the pronouns that follow a person's mention ------------------------
        prons = [p for p in pron_rx.finditer(text) if in_quote(p.start()) is None]
        _infer_gender(ents, mentions, prons, pronouns, sent)

        # ---- 5. definite descriptions linked by age / noun ("the 34-year-old singer") ---------
        for d in desc_rx.finditer(text):
            if in_quote(d.start()) is not None:
                continue
            noun = person_noun.get(d.group("noun").lower(), d.group("noun").lower())
            target = None
            age = int(d.group("age")) if d.group("age") else None
            for m in reversed(mentions):
                if m[0] >= d.start():
                    continue
                if m[4] is None or m[2] != "PERSON":
                    continue
                e = ents[m[4]]
                if (age is not None and e.age == age) or noun in e.nouns or (
                        e.title and e.title.lower() == noun):
                    target = m[4]
                    break
            if target is not None:
                extra.append([d.start(), d.end(), "PERSON", "description", target, False])
        if extra:
            taken = [(m[0], m[1]) for m in mentions]
            for x in extra:
                if not any(a < x[1] and x[0] < b for a, b in taken):
                    mentions.append(x)
                    taken.append((x[0], x[1]))
            mentions.sort(key=lambda m: m[0])

        # ---- 6. pronouns -------------------------------------------------------------------
        mentions = _resolve_pronouns(text, ents, mentions, prons, pronouns, sent)

        # a person of unknown gender takes the gender of the he/she resolved to them
        for m in mentions:
            if m[3] == "pronoun" and m[4] is not None and ents[m[4]].label == "PERSON" and not ents[m[4]].gender:
                g = pronouns.get(text[m[0]:m[1]].lower())
                if g in ("male", "female"):
                    ents[m[4]].gender = g

        # ---- output ------------------------------------------------------------------------
        order = {}
        for m in mentions:
            if m[4] is not None and m[4] not in order:
                order[m[4]] = len(order)
        out_m = []
        ent_mentions: dict[int, list[str]] = {}
        for i, m in enumerate(mentions, 1):
            eid = f"ent{order[m[4]] + 1}" if m[4] is not None else None
            out_m.append(Mention(f"m{i}", m[0], m[1], otext[m[0]:m[1]], m[2], m[3], eid))
            if m[4] is not None:
                ent_mentions.setdefault(m[4], []).append(f"m{i}")
        out_e = []
        for ei, rank in sorted(order.items(), key=lambda kv: kv[1]):
            e = ents[ei]
            attrs = {}
            if e.label == "PERSON":
                if e.gender:
                    attrs["gender"] = e.gender
                if e.age is not None:
                    attrs["age"] = e.age
                if e.title:
                    attrs["title"] = e.title
                elif e.nouns:
                    attrs["title"] = sorted(e.nouns)[0]
            out_e.append(Entity(f"ent{rank + 1}", e.label, _canonical(e.names) if e.names else "",
                                tuple(ent_mentions[ei]), MappingProxyType(attrs)))
        return doc.replace(mentions=tuple(out_m), entities=tuple(out_e))
    return entities


def _named(e, c, text, gendered) -> None:
    """A person named by candidate ``c``: keep the name form, and its title and gender when new."""
    e.names.append(text[c.start:c.end])
    if c.title and not e.title:
        e.title = c.title
    g = c.gender or _title_gender(c.title, gendered)
    if g and not e.gender:
        e.gender = g


def _title_gender(title, gendered):
    if not title:
        return None
    g = gendered.get(title.lower().rstrip("."))
    return g if g in ("male", "female") else None


def _canonical(names: list[str]) -> str:
    best = max(names, key=lambda n: (len(n.split()), len(n)))
    return re.sub(r"\s+", " ", best)


def _match_person(ents, mentions, low: str, pos: int):
    """A single token naming a known person: the surname (or first name) of the most recent match."""
    best, best_pos = None, None
    for ei, e in enumerate(ents):
        if e.label != "PERSON" or not (e.last == low or e.first == low):
            continue
        if e.last == low and e.first == low:
            pass
        # the most recent mention before pos, else the first one after
        before = [mentions[i][0] for i in e.mentions if mentions[i][0] < pos]
        key = (1, max(before)) if before else (0, -min((mentions[i][0] for i in e.mentions), default=0))
        if best_pos is None or key > best_pos:
            best, best_pos = ei, key
    return best


def _infer_gender(ents, mentions, prons, pronouns, sent):
    """An entity of unknown gender takes the gender of the next he/she that no other person precedes."""
    people = [m for m in mentions if m[2] == "PERSON" and m[4] is not None and not m[5]]
    votes: dict[int, list[str]] = {}
    for k, m in enumerate(people):
        e = ents[m[4]]
        if e.gender:
            continue
        nxt = people[k + 1][0] if k + 1 < len(people) else None
        for p in prons:
            if p.start() <= m[1]:
                continue
            if nxt is not None and p.start() > nxt and people[k + 1][4] != m[4]:
                break
            if sent(p.start()) > sent(m[0]) + 1:
                break
            g = pronouns.get(p.group().lower())
            if g in ("male", "female"):
                votes.setdefault(m[4], []).append(g)
                break
    for ei, vs in votes.items():
        if not ents[ei].gender:
            ents[ei].gender = max(dict.fromkeys(vs), key=vs.count)   # ties: the first seen, not set order


def _resolve_pronouns(text, ents, mentions, prons, pronouns, sent):
    out = [m for m in mentions]
    allm = sorted(out + [[p.start(), p.end(), None, "pronoun", None, False] for p in prons], key=lambda m: m[0])
    # per sentence: the person/org mentions seen so far (entity index, position)
    history: list[tuple[int, int, int]] = []     # (sentence, position, entity index)
    result = []
    for m in allm:
        if m[3] != "pronoun":
            result.append(m)
            if m[4] is not None and not m[5]:
                history.append((sent(m[0]), m[0], m[4]))
            continue
        g = pronouns.get(text[m[0]:m[1]].lower())
        k = sent(m[0])

        def ok(ei):
            e = ents[ei]
            if g == "plural":
                return e.label == "ORG"
            if g == "neuter":
                return False
            return e.label == "PERSON" and (e.gender == g or e.gender is None)

        target = None
        same = [h for h in history if h[0] == k and ok(h[2])]
        if same:
            target = same[0][2]          # the subject of this sentence comes first
        else:
            for h in reversed(history):
                if h[0] < k - 10:
                    break
                if ok(h[2]):
                    kk = h[0]
                    target = next(x[2] for x in history if x[0] == kk and ok(x[2]))
                    break
        if target is None or (g in ("male", "female") and ents[target].gender is None):
            # cataphora: "In his post, Legend added ..." -> the next name in the same sentence
            for n in allm:
                if n[0] > m[0] and n[3] != "pronoun" and n[4] is not None and not n[5]:
                    if sent(n[0]) != k:
                        break
                    if ok(n[4]) and (target is None or ents[n[4]].gender == g):
                        target = n[4]
                        break
        # prefer a same-gender known entity over an unknown-gender one in the same sentence window
        if target is not None and ents[target].gender is None and g in ("male", "female"):
            for h in reversed(history):
                if h[0] < k - 3:
                    break
                if ents[h[2]].gender == g and ents[h[2]].label == "PERSON":
                    target = h[2]
                    break
        label = "PERSON" if g in ("male", "female") else ("ORG" if target is not None else "PERSON")
        if g == "neuter":
            continue
        nm = [m[0], m[1], label, "pronoun", target, False]
        result.append(nm)
        if target is not None:
            ents[target].mentions.append(-1)
            history.append((k, m[0], target))
    return result
