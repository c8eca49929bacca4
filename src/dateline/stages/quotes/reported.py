"""Reported speech, per sentence and per cue word.

``NP CUE (that) CONTENT`` (``told X that``), ``CONTENT, NP CUE``, ``according to NP, CONTENT`` /
``CONTENT, according to NP``; beliefs and intentions (``believes``, ``wants to``) are indirect with the
belief verb as cue, and a stance verb with an object (``endorsed X``) is a ``quote_stance``.

Each finder returns a record dict: np, cue, content (start, end), rule, sent, belief.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .context import QUOTE_CHARS, DocContext, SpanIndex, words
from .speakers import np_after, np_before, subject_of

_LETTERS = re.compile(r"[A-Za-z]{2,}")
_LEAD_PUNCT = re.compile(r"[ \t]*[,:]?[ \t]*")
_CUE_LAST = re.compile(r"(?:[ \t]+[^\s,]+){0,6}?[ \t]*[.!?]?[ \t\"”’]*")
_COMMA_NEXT = re.compile(r"[ \t]*,")
_STOP_NEXT = re.compile(r"[ \t]*[.!?]")
_CLAUSE_END = re.compile(r",[ \t]|;|[ \t](?:—|–|--)[ \t]|[ \t]\(")
_ACCORDING_NP = re.compile(r"[ \t]+(?P<np>[^,;“”\"]{2,100}?)(?:,[ \t]*|[.;]?[ \t]*$)")


def find_reported(ctx: DocContext, quoted: SpanIndex):
    """Every cue word outside quoted regions, in text order; a cue inside a content taken already is skipped."""
    text = ctx.text
    sents = ctx.sents
    reported = []
    taken_until = -1
    for m in ctx.rules.verb_rx.finditer(text):
        if m.start() < taken_until or quoted.holds(m.start()):
            continue
        if not sents:
            break
        si = ctx.sent_of(m.start())
        s = sents[si]
        if m.start() >= s.end:
            continue
        got = _handle_cue(ctx, quoted, m, si, s.start, s.end)
        if got is not None:
            rec, takes = got
            reported.append(rec)
            if takes:
                taken_until = max(taken_until, rec["content"][1])
    return reported


def _handle_cue(ctx: DocContext, quoted: SpanIndex, m, si, a0, b0):
    """One cue word in sentence si ([a0, b0)): (record, takes its content) or None."""
    text = ctx.text
    R = ctx.rules
    if m.group("acc"):
        return _according_to(ctx, m, si, a0, b0)
    cue = (m.start(), m.end())
    j = max(text.rfind(" ", a0, cue[0] - 1), a0 - 1, cue[0] - 40)
    if text[j + 1:cue[0]].strip().lower() in R.aux_words:
        am = R.aux_tail.search(text, max(a0, cue[0] - 80), cue[0])
        if am:
            cue = (am.start(), cue[1])
    verb = m.group("v")
    if m.start() and text[m.start() - 1] in "’'-":
        return None
    vl = verb.lower()
    if (vl not in R.cues.speech or R.rx.modal.match(text, cue[0], cue[1])) and R.acc_rx.search(text, cue[1], b0):
        return None            # "Residents will protest …, according to X": X's words, not a stance
    is_belief = vl in R.cues.belief and vl not in R.cues.speech
    is_st = vl in R.cues.stance
    is_stance = verb.lower() in R.cues.stance_words
    pm = R.phrasal.match(text, cue[1] - len(verb), b0)
    if pm and pm.end() > cue[1]:
        cue = (cue[0], pm.end())             # "called for", "talked about"
    # content after the cue: NP CUE (obj) (that) CONTENT
    np = np_before(ctx, cue[0], a0)
    if np is not None:
        if np[0] < cue[0] and quoted.holds(np[0]):
            np = None
    if verb.endswith("ing") and R.rx.participle_before.search(text, max(a0, cue[0] - 12), cue[0]):
        # "X walked back the comments, saying ...": the speaker is the sentence's subject
        np = subject_of(ctx, a0, cue[0]) or np
    if vl == "asked" and (np is None or text[np[0]:np[1]].lower() in R.words["subordinator"]):
        # "Asked whether she would run, Smith said ...", "… when asked if …": the question, no source
        am = R.rx.asked_bare.search(text, max(a0, m.start() - 8), min(b0, m.end() + 40))
        if am and am.start() <= m.start() and (am.start() > a0 or cue[0] == a0 + (1 if text[a0] in "“\"" else 0)
                                               or text[a0:am.start()].strip() == ""):
            return _asked(ctx, (m.start(), m.end()), si, b0, am.end())
        if np is None and verb == "Asked" and cue[0] == a0 + (1 if text[a0] in "“\"" else 0):
            return _asked(ctx, cue, si, b0)
    if np is not None:
        rec, cue = _content_after(ctx, np, cue, verb, si, b0, is_belief, is_st, is_stance)
        if rec is not None:
            return rec, True
    # content before the cue: CONTENT, NP CUE. | CONTENT, CUE NP.
    if is_belief or is_st:
        return None
    rec = _content_before(ctx, cue, verb, si, a0, b0)
    return (rec, False) if rec is not None else None


def _according_to(ctx: DocContext, m, si, a0, b0):
    """according to NP, CONTENT / CONTENT, according to NP."""
    text = ctx.text
    acc = (m.start("acc"), m.end("acc"))
    am = _ACCORDING_NP.match(text[acc[1]:b0])
    if not am:
        return None
    np = (acc[1] + am.start("np"), acc[1] + am.end("np"))
    if acc[0] - a0 <= 3 or text[a0:acc[0]].strip() == "":
        ca, cb = ctx.trim(np[1] + 1, b0)
    else:
        ca, cb = ctx.trim(a0, acc[0])
        # "…, according to the organizer, Lena Brooks, a teacher.": the source runs to the end
        if am.group().endswith(",") or am.group().endswith(", "):
            na, nb = ctx.trim(np[0], b0)
            if not QUOTE_CHARS.search(text, na, nb) and any(
                    mm.kind == "name" and mm.label == "PERSON" for mm in ctx.mentions_in(np[1], nb)):
                np = (na, nb)
    if words(text[ca:cb]) >= 3:
        return {"np": np, "cue": acc, "content": (ca, cb), "rule": "quote_according_to",
                "sent": si, "belief": False}, True
    return None


def _asked(ctx: DocContext, cue, si, b0, start=None):
    """"Asked whether she would run, ...": the question, up to the clause end (or the sentence end)."""
    start = cue[1] if start is None else start
    qm = _CLAUSE_END.search(ctx.text, start, b0)
    if qm or start > cue[1]:
        ca, cb = ctx.trim(start, qm.start() if qm else b0)
        if words(ctx.text[ca:cb]) >= 2:
            return {"np": None, "cue": cue, "content": (ca, cb), "rule": "quote_asked",
                    "sent": si, "belief": False}, True
    return None


def _content_after(ctx: DocContext, np, cue, verb, si, b0, is_belief, is_st, is_stance):
    """NP CUE (listener) (that) CONTENT -> (record or None, the cue, extended over "that" or a time)."""
    text = ctx.text
    rest = cue[1]
    if verb.lower() in ctx.rules.cues.listener:
        om = ctx.rules.rx.listener.match(text[rest:b0])
        if om and om.end() > 1:
            rest = rest + om.end() - 1
    object_skipped = rest > cue[1]
    tm = ctx.rules.rx.that.match(text, rest, b0)
    if tm and not is_belief:
        ce = tm.end()
        while ce > cue[1] and text[ce - 1] in " \t":
            ce -= 1
        if not object_skipped:
            cue = (cue[0], ce)     # "said in a statement that": the cue holds the phrase
        rest = tm.end()
    elif not object_skipped:
        wm = ctx.rules.rx.when_after.match(text, rest, b0)     # "said Monday", "said Thursday morning"
        if wm:
            cue = (cue[0], wm.end())
            rest = wm.end()
    rm = _LEAD_PUNCT.match(text, rest, b0)
    ca = rm.end() if rm else rest
    ca, cb = ctx.trim(ca, b0)
    lm = ctx.rules.rx.content_leak.search(text, ca, cb)
    if lm:
        ca, cb = ctx.trim(ca, lm.start())     # the segmenter kept the next, quoted sentence
    if object_skipped and not tm and ctx.rules.rx.prep_content.match(text, ca, cb):
        ca, cb = ctx.trim(cue[1], b0)   # "asks him about X": the listener stays in the content
    if text[ca:ca + 1] in (".", "!", "?"):
        ca = cb                  # the sentence ends at the cue: nothing follows it
    if is_stance and not tm:
        # an object, not a clause: it ends at the clause boundary
        em = _CLAUSE_END.search(text, ca, cb)
        if em:
            ca, cb = ctx.trim(ca, em.start())
    content = text[ca:cb]
    if not tm and not object_skipped and _object_not_clause(ctx, cue, verb, content):
        return None, cue         # "floated the plan", "posted a loss": an object, not something said
    if is_stance and not tm and cb > ca and is_st and (
            text[ca:ca + 1].isalnum() or text[ca:ca + 1] in "“\"") and \
            not ctx.rules.rx.stance_not_object.match(content):
        return {"np": np, "cue": cue, "content": (ca, cb), "rule": "quote_stance",
                "sent": si, "belief": True}, cue
    if text[ca:ca + 1] in "“\"«‘'" or (ca < cb and words(content) >= 2 and
                                      not ctx.rules.rx.prep_content.match(content)
                                      or is_belief and ctx.rules.rx.belief_clause.match(content)):
        if cb > ca and words(content) >= 2 and not (is_belief and not ctx.rules.rx.belief_opening.match(content)):
            return {"np": np, "cue": cue, "content": (ca, cb),
                    "rule": "quote_belief" if is_belief else "quote_reported_after",
                    "sent": si, "belief": is_belief}, cue
    return None, cue


_WORD = re.compile(r"[\w’'-]+")


def _object_not_clause(ctx: DocContext, cue, verb: str, content: str) -> bool:
    """A verb with a common non-saying sense (``object_sense`` in cue_verbs.tsv) followed by a noun phrase
    and no clause: no attribution. A quote, an opener ("whether", "how"), a subject pronoun first or an
    auxiliary in its first words makes a clause ("added the plan would fail"); a particle that belongs to
    the cue ("called for a ban") or a naming verb ("called him a liar") keeps it."""
    cues, W = ctx.rules.cues, ctx.rules.clause_words
    vl = verb.lower()
    if vl not in cues.object_sense or QUOTE_CHARS.search(content):
        return False
    if not ctx.text[cue[0]:cue[1]].lower().endswith(vl):
        return False                                     # the cue took a particle: "called for"
    if vl in cues.naming:
        return False                                     # "called the charges baseless": left to the rules
    ws = [w.lower() for w in _WORD.findall(content[:120])][:6]
    if not ws or ws[0] in W["opener"] or ws[0] in W["subject"] or any(w in W["aux"] for w in ws):
        return False
    # a speech verb ("claimed", "added") only before a determined object: "claimed a loss", not "claims
    # prosecutors rarely ..." (a clause whose subject is a bare noun)
    words_of = ctx.rules.words
    return vl not in cues.speech or ws[0] in words_of["det"] or ws[0] in words_of["number"] or ws[0][:1].isdigit()


def _content_before(ctx: DocContext, cue, verb, si, a0, b0):
    """CONTENT, NP CUE. / CONTENT, CUE NP. -> the record or None."""
    text = ctx.text
    comma = text.rfind(",", a0, cue[0])
    if comma >= 0 and cue[0] - comma <= 90 and not QUOTE_CHARS.search(text, comma, cue[0]):
        np2 = np_before(ctx, cue[0], comma + 1)
        cue_is_last = _CUE_LAST.fullmatch(text, cue[1], b0) or _COMMA_NEXT.match(text, cue[1], b0) \
            or _STOP_NEXT.match(text, cue[1], b0)
        if np2 is None:
            npa = np_after(ctx, cue[1], b0)
            if npa and comma + 1 >= cue[0] - 2 and ctx.rules.speech_only.match(verb) and re.match(
                    r"[ \t]*(?:[,.;!?]|$)", text[npa[1]:b0]):
                np2 = npa
        if np2 is not None and (cue_is_last or np2[0] > cue[1]) and np2[0] > comma:
            ca, cb = ctx.trim(a0, comma)
            if words(text[ca:cb]) >= 3:
                return {"np": np2, "cue": cue, "content": (ca, cb),
                        "rule": "quote_reported_before", "sent": si, "belief": False}
    return None


def find_nominal(ctx: DocContext, quoted: SpanIndex, reported):
    """Nominal and prepositional cues, kept where no cue word found a content already:
    ``X's claim that CONTENT`` / ``her vow to CONTENT``, ``his criticism of CONTENT``,
    ``In a new poll, CONTENT``, ``Mayor Lee: CONTENT`` and ``CONTENT, records show.``"""
    if not ctx.sents:
        return []
    # a nominal attribution may sit inside another content ("mocked the mayor's claim that ..."), but
    # not on a cue found already, and not across quoted regions
    taken = sorted(r["cue"] for r in reported)
    taken_idx = SpanIndex(taken, nested=True)
    tstarts = [a for a, _ in taken]

    def free(a, b):
        if taken_idx.holds(a) or quoted.holds(a) or ctx.inside_region(a, b):
            return False
        k = bisect_right(tstarts, a)
        return not (k < len(tstarts) and tstarts[k] < b)

    return [rec for finder in (_nominal_cues, _in_source, _colon_heads, _evidence_after)
            for rec in finder(ctx, free)]


def _nominal_cues(ctx: DocContext, free):
    """``X's claim that CONTENT``, ``her vow to CONTENT``, ``his criticism of CONTENT``."""
    text = ctx.text
    R = ctx.rules
    out = []
    if not ctx.may_match("nominal"):
        return out
    for m in R.nominal_rx.finditer(text):
        obj = m.group("cueo") is not None
        cue = m.span("cueo") if obj else m.span("cue")
        si = ctx.sent_of(cue[0])
        a0, b0 = ctx.sents[si].start, ctx.sents[si].end
        om = R.rx.nominal_owner.search(text, max(a0, cue[0] - 60), cue[0])
        if om is None:
            continue
        ca = cue[1]
        em = _CLAUSE_END.search(text, ca, b0)
        ca, cb = ctx.trim(ca, em.start() if em else b0)
        if obj or text.startswith("to", ca):
            vm = R.rx.nominal_stop.search(text, ca, cb)      # "his vow to X has not been kept": the content is X
            if vm:
                ca, cb = ctx.trim(ca, vm.start())
        if words(text[ca:cb]) < (1 if obj else 2) or not free(om.start(), cb):
            continue
        out.append({"np": om.span("src"), "cue": cue, "content": (ca, cb), "rule": "quote_nominal",
                    "sent": si, "belief": True})
    return out


def _in_source(ctx: DocContext, free):
    """``In a new poll, CONTENT`` at the start of a sentence."""
    text = ctx.text
    out = []
    for m in ctx.rules.rx.in_source.finditer(text):
        si = ctx.sent_of(m.start())
        s = ctx.sents[si]
        if ctx.trim(s.start, m.start())[0] != m.start():
            continue                        # only at the start of a sentence
        ca, cb = ctx.trim(m.end(), s.end)
        if words(text[ca:cb]) < 3 or not free(m.start(), cb):
            continue
        out.append({"np": m.span("src"), "cue": m.span("cue"), "content": (ca, cb),
                    "rule": "quote_in_source", "sent": si, "belief": False})
    return out


def _colon_heads(ctx: DocContext, free):
    """``Mayor Lee: CONTENT`` on a line of its own (the content runs to the line end)."""
    text = ctx.text
    R = ctx.rules
    out = []
    if not ctx.may_match("colon_head"):
        return out
    for m in R.rx.colon_head.finditer(text):
        si = ctx.sent_of(m.start())
        le = text.find("\n", m.end())
        ca, cb = ctx.trim(m.end(), le if le >= 0 else len(text))
        src = text[m.start("src"):m.end("src")].lower()
        if src in R.colon_head_stop or any(w in R.cues.speech for w in src.split()) or words(text[ca:cb]) < 2 or \
                not _LETTERS.search(text, ca, cb) or not free(m.start(), m.end()) or _a_place(ctx, m.span("src")):
            continue
        out.append({"np": m.span("src"), "cue": m.span("cue"), "content": (ca, cb),
                    "rule": "quote_colon_head", "sent": si, "belief": False})
    return out


def _a_place(ctx: DocContext, span) -> bool:
    """The head before a colon is a place ("Geneva: ...", a dateline or a section), not a speaker."""
    mm = ctx.mention_ending(span[1])
    return mm is not None and mm.label == "GPE" and mm.start <= span[0]


def _evidence_after(ctx: DocContext, free):
    """``CONTENT, county records show.``"""
    text = ctx.text
    out = []
    if not ctx.may_match("evidence_after"):
        return out
    for m in ctx.rules.rx.evidence_after.finditer(text):
        si = ctx.sent_of(m.start())
        s = ctx.sents[si]
        ca, cb = ctx.trim(s.start, m.start())
        if words(text[ca:cb]) < 3 or QUOTE_CHARS.search(text, ca, cb) or not free(ca, m.end()):
            continue
        out.append({"np": m.span("src"), "cue": m.span("cue"), "content": (ca, cb),
                    "rule": "quote_evidence_after", "sent": si, "belief": False})
    return out
