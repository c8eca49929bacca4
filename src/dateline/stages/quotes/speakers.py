"""Speakers: the noun phrase before or after a cue, a sentence's subject, and the speaker record."""
from __future__ import annotations

import re

from ...model import Span
from .context import DocContext

_SPEAKER_KIND = {"name": 0, "description": 1, "title": 2, "pronoun": 3}
_SPEAKER_LABEL = {"PERSON": 0, "ORG": 1, "WORK": 1, "GPE": 2}
_CLAUSE_BREAK = frozenset(",;:()—–\"“”«»")
_TOKEN = re.compile(r"[^\s]+")
_AGE_TAIL = re.compile(r",[ \t]*\d{1,3},?$")
_POSS_TAIL = re.compile(r"['’]s?$")


# ---- the noun phrase before a cue ---------------------------------------------------------------
def np_before(ctx: DocContext, pos, lo):
    """The noun phrase that ends right before pos (a cue): (start, end) or None."""
    W = ctx.rules.words
    text = ctx.text
    R = ctx.rules
    e = pos
    while e > lo and text[e - 1] in " \t":
        e -= 1
    if e <= lo:
        return None
    am = _AGE_TAIL.search(text[max(lo, e - 8):e])
    if am:
        e2 = max(lo, e - 8) + am.start()
        inner = np_before(ctx, e2, lo)
        return (inner[0], e) if inner else None
    m = ctx.mention_ending(e)
    # a short window when a clause break is near (the phrase cannot reach further back)
    w0 = max(lo, e - 110)
    brk = max(text.rfind(",", w0, e - 1), text.rfind(";", w0, e), text.rfind("\n", w0, e),
              text.rfind("“", w0, e), text.rfind("”", w0, e), text.rfind('"', w0, e))
    if brk > w0:
        w0 = max(lo, brk - 1)
    toks = [(x.start(), x.end()) for x in _TOKEN.finditer(text, w0, e)]
    if not toks:
        return None
    a, b = toks[-1]
    w = text[a:b]
    wl = w.lower().rstrip(",")
    if w.endswith(","):
        return _np_before_apposition(ctx, e, lo)
    if w[-1] in "\"”’“" and not w.endswith("’s"):
        return None
    if wl in R.nonperson and wl not in W["pronoun"]:
        return None
    if wl.isdigit() and len(toks) > 1 and text[toks[-2][0]:toks[-2][1]].lower() in W["time_prep"]:
        inner = np_before(ctx, toks[-2][0], lo)      # "who in 2010 said": the year is an adverbial
        if inner:
            return inner
    if not (m is not None or wl in W["pronoun"] or wl in R.person_noun or wl.rstrip("s") in R.person_noun
            or w[0].isupper() or wl in R.org_suffix or w.endswith(")") or wl.rstrip("%").isdigit()
            or wl == "percent"):
        return _np_before_common_noun(ctx, e, lo)
    if wl == "who" and w == "who":
        return (a, b)                     # "X, who said ...": PolNeAR's source is the relative pronoun
    if wl in W["relative"]:
        return None
    start = a
    if m is not None:
        start = min(start, m.start)
    if wl in W["pronoun"]:
        return (a, b)
    start = _extend_left(ctx, toks, start)
    start = _skip_function_words(ctx, start, e)
    # apposition: "Rep. X (D-N.C.), head of the caucus," said ...
    if start >= 2 and text[start - 2:start] == ", ":
        inner = np_before(ctx, start - 2, lo)
        if inner and inner[1] - inner[0] > 0 and any(
                mm.kind == "name" for mm in ctx.mentions_in(inner[0], inner[1])):
            start = inner[0]
    return (start, e) if e > start else None


def _np_before_apposition(ctx: DocContext, e, lo):
    """The phrase before the cue ends with a comma: a name with an apposition or a relative clause.

    "Trump, who has been feuding with party leaders this week, said"
    "Mayra Gonzalez, a cook at the hotel, said" / "Lance Beebe, 49, a Navy veteran, said"
    """
    X = ctx.rules.rx
    text = ctx.text
    c = e - 1
    for _ in range(3):
        c = text.rfind(",", max(lo, e - 250), c)
        if c < 0 or X.apposition_stop.search(text, c, e - 1):
            break
        inner = np_before(ctx, c, lo)
        if inner and any(mm.kind == "name" for mm in ctx.mentions_in(inner[0], e - 1)):
            return (inner[0], e - 1)
    return None


def _np_before_common_noun(ctx: DocContext, e, lo):
    """The last word before the cue is no name, title or pronoun: a determiner phrase ("The clip says",
    "A new report found"), or a whole short clause that reads as a noun phrase."""
    W = ctx.rules.words
    X = ctx.rules.rx
    text = ctx.text
    nonperson = ctx.rules.nonperson
    dm = X.det_np.search(text, max(lo, e - 80), e)
    if dm:
        return (dm.start("np"), e)
    # the whole clause before the cue is a short noun phrase:
    # "Experts on North Korea and nuclear nonproliferation said ..."
    cs = lo
    while cs < e and text[cs] in " \t\n“\"":
        cs += 1
    head = text[cs:e]
    words = head.split()
    if 1 < len(words) <= 10 and head[:1].isupper() and not X.not_np.search(head) and \
            (words[0].lower() not in nonperson or words[0].lower() in W["det"]):
        return (cs, e)
    return None


def _extend_left(ctx: DocContext, toks, start):
    """Walk back from the head over modifiers, names, titles and "of"-phrases; the new start."""
    W = ctx.rules.words
    X = ctx.rules.rx
    text = ctx.text
    person_noun = ctx.rules.person_noun
    k = len(toks) - 1
    while k > 0:
        pa, pb = toks[k - 1]
        if "\n" in text[pb:toks[k][0]]:
            break
        pw = text[pa:pb]
        pwl = pw.lower()
        if pb > start:             # inside a mention already
            k -= 1
            continue
        if pw[-1] in _CLAUSE_BREAK or pw[0] in _CLAUSE_BREAK and not pw.startswith("("):
            break
        if pwl in W["det"]:
            start = pa
            # "a spokesman for the campaign": keep going only after of/for
            if k - 2 >= 0 and text[toks[k - 2][0]:toks[k - 2][1]].lower() in W["np_link"]:
                k -= 1
                continue
            break
        if pw[0].isupper() or pwl in W["np_inner"] or pwl in person_noun or X.np_modifier.match(pwl) \
                or pw.startswith("(") or pw.endswith(")") or pwl.endswith(("’s", "'s")):
            if pwl in W["np_inner"] and k - 2 < 0:
                break
            start = pa
            k -= 1
            continue
        break
    return start


def _skip_function_words(ctx: DocContext, start, e):
    """Never start on a preposition/conjunction or a function word ("When Cruz", "But Ms. Patel")."""
    W = ctx.rules.words
    text = ctx.text
    nonperson = ctx.rules.nonperson
    while True:
        fw = _TOKEN.match(text, start)
        if fw and (fw.group().lower() in W["np_inner"] or (fw.group().lower() in nonperson and
                   fw.group().lower() not in W["det"] and fw.group().lower() not in W["pronoun"]
                   and fw.group().lower() not in W["number"])) \
                and fw.end() < e:
            start = fw.end() + 1
            while start < e and text[start] == " ":
                start += 1
            continue
        break
    return start


# ---- the noun phrase after a cue ----------------------------------------------------------------
def np_after(ctx: DocContext, pos, hi, loose=False):
    """The noun phrase that starts at pos ("said the former senator, ...").

    ``loose``: a cue must follow, so a determiner may head any short lowercase phrase ("the coach").
    """
    W = ctx.rules.words
    X = ctx.rules.rx
    text = ctx.text
    R = ctx.rules
    s = pos
    while s < hi and text[s] in " \t":
        s += 1
    toks = [(t.start(), t.end()) for t in _TOKEN.finditer(text, s, min(hi, s + 160))]
    if not toks or "\n" in text[pos:toks[0][0]]:
        return None
    end = None
    for k, (a, b) in enumerate(toks[:9]):
        if k and "\n" in text[toks[k - 1][1]:a]:
            break
        w = text[a:b]
        core = w.rstrip(",.;:")
        if w.endswith(".") and X.np_abbreviation.match(w):
            core = w.rstrip(",;:")
        cl = core.lower()
        if R.speech_only.match(cl):
            break
        if k == 0 and cl in W["pronoun"]:
            return (a, a + len(core))
        if not (core[:1].isupper() or cl in W["det"] or cl in W["np_inner"] or cl in R.person_noun
                or X.np_modifier.match(cl) or core.startswith("(") or core.endswith(")")
                or (loose and 0 < k < 5 and _POSS_TAIL.sub("", cl).isalpha()
                    and text[toks[0][0]:toks[0][1]].lower() in W["det"])):
            break
        if cl in W["np_inner"] and k == 0:
            return None
        end = a + len(core)
        if core != w:
            break
    if end is None:
        return None
    while True:
        lw = text[s:end].split()[-1].lower()
        if lw in W["det"] or lw in W["np_inner"]:
            end = s + text[s:end].rstrip().rfind(" ")
            if end <= s:
                return None
            continue
        break
    head = text[s:end].split()[-1]
    if not (loose or ctx.mentions_in(s, end) or head.lower() in R.person_noun
            or head.lower().rstrip("s") in R.person_noun or head[:1].isupper()):
        return None
    return (s, end)


# ---- sentence subjects --------------------------------------------------------------------------
def past_intro(ctx: DocContext, a0, limit):
    """Skip an introductory clause ("Shortly after the call ended, ...", "In July, ...")."""
    X = ctx.rules.rx
    text = ctx.text
    im = X.intro_clause.match(text, a0, limit)
    if im:
        c = text.find(", ", im.end(), limit)
        if 0 < c < limit and c - a0 < 120:
            return c + 2
    return a0


def subject_of(ctx: DocContext, a0, limit):
    """The subject of the sentence starting at a0: its first person/organisation phrase."""
    W = ctx.rules.words
    X = ctx.rules.rx
    text = ctx.text
    a0 = past_intro(ctx, a0, limit)
    for m in ctx.mentions_in(a0, limit):
        if m.start - a0 > 60:
            break
        if m.label in ("PERSON", "ORG") and (m.kind != "pronoun" or m.text.lower() in W["subject_pronoun"]):
            if X.subject_verb.match(text, m.end, limit) or X.subject_verb_irregular.match(text, m.end, limit) or \
                    X.subject_copula.match(text, m.end, limit):
                return np_before(ctx, m.end, a0) or (m.start, m.end)
    dm = X.det_subject.match(text, a0, limit)
    if dm:
        return (dm.start("np"), dm.end("np"))
    pm = X.pronoun_subject.match(text, a0, limit)        # "Meanwhile, it attacked Trump, saying ..."
    if pm:
        return (pm.start("np"), pm.end("np"))
    return None


def sentence_subject(ctx: DocContext, r, si, lo):
    """A partial quote inside a narrative sentence: "X dismissed Y as “…”" -> X and its verb."""
    W = ctx.rules.words
    X = ctx.rules.rx
    text = ctx.text
    sents = ctx.sents
    s0 = max(sents[si].start, lo) if sents else lo
    if r.start - s0 < 8:
        return None
    s0 = past_intro(ctx, s0, r.start)
    first = None
    for m in ctx.mentions_in(s0, r.start):
        if m.start - s0 > 80:
            break
        if m.label not in ("PERSON", "ORG") or (m.kind == "pronoun" and m.text.lower() not in W["subject_pronoun"]):
            continue
        vm = X.subject_verb.match(text, m.end, r.start) or X.subject_verb_irregular.match(text, m.end, r.start)
        if not vm:
            first = first or m
            continue
        np = np_before(ctx, m.end, s0) or (m.start, m.end)
        return np, (vm.start("cue"), vm.end("cue"))
    if first is not None and first.start - s0 <= 40:
        # the sentence's first person or organisation, even without a verb we know
        return (np_before(ctx, first.end, s0) or (first.start, first.end)), None
    return None


# ---- the speaker record -------------------------------------------------------------------------
def _speaker_rank(m):
    return m.entity is None, _SPEAKER_KIND.get(m.kind, 4), _SPEAKER_LABEL.get(m.label, 3)


def speaker_of(ctx: DocContext, np):
    """(speaker span, entity id, entity name) of a speaker noun phrase."""
    if np is None:
        return None, None, None
    text = ctx.text
    a, b = np
    ms = [m for m in ctx.mentions_in(a, b) if m.label in _SPEAKER_LABEL or m.kind != "name"]
    # the head of the phrase speaks: a person before an organisation or a place ("Harbor Department
    # spokesman Leo Grant", "Washington, Chief Executive Ray Ortiz"), never a possessor ("Trump's aide X")
    named = {m.start: _role_and_name(text[m.start:m.end], ctx.rules) for m in ms if m.label != "PERSON"}

    def rank(m):        # a role and a name the entity stage typed otherwise ("Conductor Ilse Berger") is a person
        r = _speaker_rank(m)
        return (r[0], r[1], 0) if named.get(m.start) else r
    ranked = sorted((m for m in ms if text[m.end:m.end + 2] not in ("’s", "'s")), key=rank)
    chosen = ranked[0] if ranked else (ms[0] if ms else None)
    same = [m for m in ranked if rank(m) == rank(ranked[0])]
    if len(same) > 1 and "," not in text[same[0].end:same[1].start]:
        chosen = same[-1]          # "Trump campaign spokesman Jason Miller": the last name is the head
    if chosen is None and text[a:b] == "who":
        # the relative pronoun stands for the name before it: "Cruz, who said ..."
        e = a
        while e > 0 and text[e - 1] in " ,\t":
            e -= 1
        chosen = ctx.mention_ending(e)
    ent = ctx.ents.get(chosen.entity) if chosen and chosen.entity else None
    name = _without_role(ent.name, ctx.rules) if ent and ent.label == "PERSON" else (ent.name if ent else None)
    if chosen is not None and named.get(chosen.start):
        name = named[chosen.start]
    return Span(a, b, ctx.otext[a:b]), (ent.id if ent else None), name


def _role_and_name(phrase, R) -> str | None:
    """The person's name in role words and a name ("Port Director Joao Silva" -> "Joao Silva"): a known first
    name with a word after it, and a role word before it; None otherwise."""
    words = phrase.split()
    for k in range(1, len(words) - 1):
        if words[k].lower() in R.first_names and words[k][0].isupper():
            if any(R.rx.role_word.fullmatch(w) for w in words[:k]):
                return " ".join(words[k:])
            return None
    return None


def _without_role(name, R):
    """A person's name without the role words before it ("Astronomer Priya Nair" -> "Priya Nair", "Detective
    Sergeant Kim Hart" -> "Kim Hart"): a title or role is not part of the name (``quote_role_word``)."""
    words = name.split()
    k = 0
    while k < len(words) - 2 and words[k].lower() not in R.first_names and R.rx.role_word.fullmatch(words[k]):
        k += 1
    return " ".join(words[k:]) if k else name
