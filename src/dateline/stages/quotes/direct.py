"""Direct quotes: which quoted regions are quotes, and the cue clause around each one.

``“…,” she said`` / ``said Smith`` after a region, ``Smith said: “…”`` before it, the subject of the
sentence holding a partial quote, or of the narrative sentence before it; ``“A,” she said, “B.”`` is one
quote with two spans.
"""
from __future__ import annotations

import re

from .._text import is_title_case as _is_title_case
from .context import DocContext, words
from .speakers import np_after, np_before, sentence_subject, subject_of

_DASH_CUE = re.compile(r"[ \t\xa0]*(―|—|–|--)[ \t\xa0]*")
_OPEN_AFTER_CUE = re.compile(r"[,:][ \t]*$")
_SENT_END_IN = re.compile(r"[a-z0-9]{3,}\.[ \t]|[!?][ \t]")
_APPOS_AFTER = re.compile(r"(?:,[^,“”\"\n]{1,160}){1,2},")
_BETWEEN = re.compile(r",?(?:[ \t]+[^\s“”\"«»]+)*[ \t]*[,.:;!?][ \t]*|[ \t]*[,.:;]?[ \t]*")


# ---- 1. which regions are quotes ----------------------------------------------------------------
def quote_regions(ctx: DocContext):
    """The quoted regions that are quotes (titles, names, single words and scare quotes are not), and
    each one's fragments trimmed of trailing punctuation (keyed by ``id(region)``)."""
    qregions = [r for r in ctx.regions if _quote_like(ctx, r)]
    trimmed = {}
    for r in qregions:
        trimmed[id(r)] = tuple(_trim_frag(ctx.text, a, b) for a, b in r.fragments)
    return qregions, trimmed


def _quote_like(ctx: DocContext, r):
    text = ctx.text
    R = ctx.rules
    content = " ".join(text[a:b] for a, b in r.fragments)
    nw = words(content)
    if R.rx.not_a_quote_before.search(text, max(0, r.start - 40), r.start):
        return False
    if nw >= 2 and _is_title_case(content) and not re.search(r"[.!?]$", content):
        return False
    if nw >= 4:
        return True
    if nw >= 1 and content[-1:] in ".!?," and (
            R.after_cue_np.match(text, r.end, r.end + 60) or R.word_then_cue.match(text, r.end, r.end + 60)
            or _DASH_CUE.match(text, r.end)):
        # "“No,” she said." is a quote; "“Jack.”" without a cue is not
        return True
    if nw >= 3 and _OPEN_AFTER_CUE.search(text, max(0, r.start - 3), r.start):
        # a cue clause ends right before it: "Lee said: “Taxes will rise.”",
        # "“A,” she said on Thursday, “until somebody listens.”"
        return bool(R.cue_before_rx.search(text, max(0, r.start - 120), r.start))
    return False


def _trim_frag(text, a, b):
    while b > a + 1 and text[b - 1] in ",;: \t\n":
        b -= 1
    return a, b


# ---- 2. cue clauses around direct quotes --------------------------------------------------------
def find_direct(ctx: DocContext, qregions, trimmed):
    """One dict per direct quote: frags, np, cue, rule, start, end, para."""
    sents = ctx.sents
    direct = []
    k = 0
    while k < len(qregions):
        r = qregions[k]
        si = ctx.sent_of(r.start)
        lo = sents[si].start if sents else 0
        # clause start: paragraph start for the "before" search, but not across another quote
        prev_end = max([x.end for x in ctx.regions if x.end <= r.start] + [lo])
        frags = list(trimmed[id(r)])
        after = clause_after(ctx, r)
        nxt = k
        if after:
            np, cue, cend = after
            # interrupted: “A,” she said, “B.”
            nxt = _join_interrupted(ctx, qregions, trimmed, k, np, cend, frags)
            rule = "quote_direct_interrupted" if nxt > k else "quote_direct_cue_after"
        else:
            np, cue, rule = _speaker_before(ctx, r, si, prev_end)
        direct.append({"frags": frags, "np": np, "cue": cue, "rule": rule, "start": r.start,
                       "end": qregions[nxt].end, "para": ctx.para(r.start)})
        k = nxt + 1
    return direct


def _join_interrupted(ctx: DocContext, qregions, trimmed, k, np, cend, frags):
    """“A,” she said, “B.”: append to ``frags`` the regions after the cue clause (ending at ``cend``) that
    go on with quote k; the index of the last region joined."""
    text = ctx.text
    r = qregions[k]
    nxt = k
    while nxt + 1 < len(qregions):
        r2 = qregions[nxt + 1]
        between = text[cend:r2.start]
        if len(between) <= 120 and "\n" not in between and \
                ctx.sent_of(r2.start) <= ctx.sent_of(cend) + 1 and \
                ctx.para(r2.start) == ctx.para(r.start) and \
                _BETWEEN.fullmatch(between):
            ca = clause_after(ctx, r2)
            if ca and (ca[0][0] != np[0] or text[r2.last - 1:r2.last] in ",?!"):
                break               # “B,” Trump said. : a quote of its own
            frags.extend(trimmed[id(r2)])
            nxt += 1
            if ca:
                break
            cend = r2.end
        else:
            break
    return nxt


def _speaker_before(ctx: DocContext, r, si, prev_end):
    """No cue clause after the quote: (np, cue, rule) from a cue clause before it, the subject of its
    sentence, or the subject of the narrative sentence before it."""
    text = ctx.text
    doc = ctx.doc
    sents = ctx.sents
    before = clause_before(ctx, r, prev_end)
    p0 = ctx.para(r.start)
    if before is None and p0 > 0 and doc.paragraphs[p0].start == r.start and \
            text[doc.paragraphs[p0 - 1].end - 1] == ":":
        # "Caddell continued:" closes the paragraph before the quote
        pp = doc.paragraphs[p0 - 1]
        before = clause_before(ctx, r, pp.start, end=pp.end)
    if before:
        np, cue = before
        return np, cue, "quote_direct_cue_before"
    subj = sentence_subject(ctx, r, si, prev_end)
    if subj:
        np, cue = subj
        return np, cue, "quote_direct_sentence_subject"
    if sents and si > 0 and r.start - sents[si].start < 3 and \
            sents[si - 1].paragraph == sents[si].paragraph and \
            not ctx.inside_region(sents[si - 1].start, sents[si - 1].end):
        # the narrative sentence before names the speaker: "X called him a master. “…”"
        subj = subject_of(ctx, sents[si - 1].start, sents[si - 1].end)
        if subj:
            return subj, None, "quote_direct_previous_sentence"
    return None, None, "quote_direct_nocue"


def clause_after(ctx: DocContext, r):
    """The cue clause after a region, with a time or "in an interview" after the cue: (np, cue, end)."""
    got = _clause_after_raw(ctx, r)
    if got is None:
        return None
    np, cue, cend = got
    wm = ctx.rules.rx.when_after.match(ctx.text, cue[1], min(ctx.n, cue[1] + 120))
    if wm and cue[1] >= np[1]:            # “…,” she said in an interview / said Monday
        cue = (cue[0], wm.end())
        cend = max(cend, wm.end())
    return np, cue, cend


def _clause_after_raw(ctx: DocContext, r):
    """“…,” she said / said the mayor -> (np, cue span, end of the cue clause)."""
    text = ctx.text
    n = ctx.n
    R = ctx.rules
    s = r.end
    dm = _DASH_CUE.match(text, s)
    if dm:                             # “…” ― Name
        np = np_after(ctx, dm.end(), min(n, dm.end() + 200))
        if np:
            return np, (dm.start(1), dm.end(1)), np[1]
    if text[r.last - 1:r.last] == "." and not text[r.end:r.end + 1] == ",":
        return None                    # “… .” ends the sentence: what follows is new
    m = re.match(r"[ \t]*,?[ \t]*", text[s:s + 5])
    p = s + (m.end() if m else 0)
    hi = min(n, p + 200)
    cm = R.after_cue_np.match(text, p, hi)
    if cm:                                       # said Smith
        cue = (cm.start("cue"), cm.end("cue"))
        np = np_after(ctx, cm.end(), hi, loose=True)
        if np:
            return np, cue, np[1]
    np = np_after(ctx, p, hi, loose=True)
    if np:
        cm = R.after_cue_np.match(text, np[1], hi)
        if cm:
            return np, (cm.start("cue"), cm.end("cue")), cm.end()
    # "“…,” harbor master Greta Holm said": any short phrase holding a mention, then the cue
    fm = R.loose_np_cue.match(text, p, hi)
    fw = fm.group("np").split()[0].lower() if fm else ""
    if fm and not _SENT_END_IN.search(fm.group("np")) and (fw in R.words["det"] or fw not in R.nonperson) and \
            (ctx.mentions_in(fm.start("np"), fm.end("np")) or
               fm.group("np").split()[-1].lower() in R.person_noun):
        return (fm.start("np"), fm.end("np")), (fm.start("cue"), fm.end("cue")), fm.end()
    if np:
        # "“…,” Smith, a spokesman, said"
        am = _APPOS_AFTER.match(text, np[1], min(n, np[1] + 400))
        if am:
            cm = R.after_cue_np.match(text, am.end(), min(n, am.end() + 60))
            if cm:
                return (np[0], am.end() - 1), (cm.start("cue"), cm.end("cue")), cm.end()
    return None


def clause_before(ctx: DocContext, r, lo, end=None):
    """Smith said: “…” / according to Smith, “…” / Said Smith: “…” -> (np, cue).

    ``end``: where the introduction ends (the colon closing the paragraph before the quote)."""
    text = ctx.text
    R = ctx.rules
    end = r.start if end is None else end
    window = text[max(lo, end - 200):end]
    base = end - len(window)
    im = R.rx.inverted_before.search(window)
    if im:                                   # "Said Ellis: “…”"
        np = np_after(ctx, base + im.end("cue"), base + im.end("np"), loose=False)
        if np:
            return np, (base + im.start("cue"), base + im.end("cue"))
    m = R.cue_before_rx.search(window)
    if m:
        cue = (base + m.start("cue"), base + m.end("cue"))
        np = np_before(ctx, cue[0], lo)
        if np:
            return np, cue
    m = R.acc_before_rx.search(window)
    if m:
        return (base + m.start("np"), base + m.end("np")), (base + m.start("acc"), base + m.end("acc"))
    return None
