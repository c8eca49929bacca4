"""From direct and reported finds to ``Quote`` records.

``merge``: a direct quote inside a reported content makes it mixed (or direct), and a reported content
found twice (on a direct quote's cue clause) is dropped. ``to_quotes``: speakers, carried speakers (a quote
without its own cue takes the speaker of the quote before it in the same paragraph, or of the previous
paragraph when its paragraph holds nothing but quotes), medium and ``said_on``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ...model import Quote, Span
from .context import QUOTE_CHARS, DocContext, SpanIndex, words
from .frames import by_sentence, frame_sentences, not_after, sentence_medium_day
from .speakers import speaker_of

_DIRECT_CUE_RULES = ("quote_direct_cue_after", "quote_direct_cue_before", "quote_direct_interrupted")


def merge(ctx: DocContext, reported, direct):
    """Reported and direct finds as one list of dicts (np, cue, spans, kind, rule, ...) in text order."""
    text = ctx.text
    out = []
    claimed = set()
    dstarts = [d["start"] for d in direct]          # direct finds are in text order
    for rp in reported:
        ca, cb = rp["content"]
        k = bisect_left(dstarts, ca - 1)
        inner = []
        while k < len(direct) and direct[k]["start"] <= cb + 1:
            if direct[k]["end"] <= cb + 1:
                inner.append(direct[k])
            k += 1
        if inner:
            for d in inner:
                claimed.add(id(d))
            kind = "mixed"
            all_frag = sum((d["frags"] for d in inner), [])
            if len(inner) == 1 and text[ca:cb].strip(" \"“”'‘’«»,.") == " ".join(
                    text[a:b] for a, b in all_frag).strip(" ,."):
                kind = "direct"
            rp["kind"] = kind
            rp["spans"] = [(ca, cb)] if kind == "mixed" else all_frag
        else:
            # a quoted fragment too short to stand as a quote still makes the content mixed
            rp["kind"] = "mixed" if QUOTE_CHARS.search(text, ca, cb) else "indirect"
            rp["spans"] = [(ca, cb)]
        out.append(rp)
    # a direct quote whose cue clause belongs to a reported content stays direct (cue from clause)
    for d in direct:
        if id(d) in claimed:
            continue
        out.append({"np": d["np"], "cue": d["cue"], "spans": d["frags"], "kind": "direct",
                    "rule": d["rule"], "sent": ctx.sent_of(d["start"]), "belief": False, "direct": d})
    # drop reported contents that overlap a direct quote's cue clause (the cue was found twice)
    final = []
    dcues = {x["cue"] for x in out if x["kind"] == "direct" and x.get("cue") and x["rule"] in _DIRECT_CUE_RULES}
    dspans = sorted(sp for y in out if y["kind"] == "direct" for sp in y["spans"])
    dstarts = [a for a, _ in dspans]
    for x in out:
        if x["kind"] != "direct":
            if x["cue"] in dcues:
                continue
            xa, xb = x["spans"][0][0], x["spans"][-1][1]
            k = bisect_right(dstarts, xa) - 1          # a direct span holding xa, or starting inside x
            if (k >= 0 and dspans[k][1] > xa) or (k + 1 < len(dspans) and dspans[k + 1][0] < xb):
                continue
        final.append(x)
    final.sort(key=lambda x: x["spans"][0][0])
    return final


def to_quotes(ctx: DocContext, final, qspans, quoted: SpanIndex) -> tuple[Quote, ...]:
    """The ``Quote`` records of the merged finds (``final``, not empty); ``qspans``: the quoted regions."""
    doc = ctx.doc
    otext = ctx.otext
    R = ctx.rules
    # dates and media inside any quote's content say nothing about when or where it was said
    # (a stance's object is not a content: "endorsed X on Sunday", "floated the plan in a statement")
    cspans = sorted({sp for x in final if not _object(x) for sp in x["spans"]} | set(qspans))
    inside_content = SpanIndex(cspans, nested=True).holds
    meds, days = by_sentence(ctx, R.medium_rx, R.rx.release_before, quoted.holds, inside_content)
    frame_sents = frame_sentences(doc, ctx.ments, meds, days, R.medium_lex, R.intro_rx, inside_content,
                                  R.rx.medium_frame)
    dct_day = doc.dct[:10]
    frames: dict[str, tuple[str | None, str | None]] = {}     # entity -> (medium, day)
    quotes_out = []
    last_by_para: dict[int, tuple] = {}
    last_attr = None
    fi = 0
    for x in final:
        first = x["spans"][0][0]
        para = ctx.para(first)
        while fi < len(frame_sents) and frame_sents[fi][0] < first:
            _, ent_id, med, day = frame_sents[fi]
            if ent_id:
                old = frames.get(ent_id, (None, None))
                frames[ent_id] = (med or old[0], day or old[1])
            fi += 1
        sp, ent_id, name, rule = _speaker(ctx, x, para, last_by_para.get(para), last_attr, qspans)
        if sp is not None:
            last_by_para[para] = (sp, ent_id, name)
            last_attr = (sp, ent_id, name, para)
        cue = x["cue"]
        asent = ctx.sent_of(cue[0]) if cue else ctx.sent_of(first)
        med, day = sentence_medium_day(asent, meds, days, R.medium_lex,
                                       () if _object(x) else x["spans"], cue, x["np"])
        fmed, fday = frames.get(ent_id, (None, None)) if ent_id else (None, None)
        if med is None or (fmed and med.lower() in fmed.lower() and len(fmed) > len(med)):
            med = fmed or med
        if day is None:
            day = fday
        if day and not not_after(day, dct_day):
            day = None                        # words are said on or before the day they are published
        spans = tuple(x["spans"])
        joiner = " … " if x["kind"] == "direct" and len(spans) > 1 else " "
        quotes_out.append(Quote(
            id=f"q{len(quotes_out) + 1}", kind=x["kind"], spans=spans,
            text=joiner.join(otext[a:b] for a, b in spans),
            speaker=sp, speaker_entity=ent_id, speaker_name=name,
            cue=Span(cue[0], cue[1], otext[cue[0]:cue[1]]) if cue else None,
            medium=med, said_on=day, rule=rule))
    return tuple(quotes_out)


def _speaker(ctx, x, para, prev, last_attr, qspans):
    """The speaker of a find (mention, entity id, name) and its rule: its own source phrase, the author of the
    document it names, or for a direct quote without one the speaker before it in the paragraph (``prev``) or
    the previous paragraph's last (``last_attr``) when its paragraph holds nothing but quotes."""
    sp, ent_id, name = speaker_of(ctx, x["np"])
    if ent_id is None and x.get("author"):
        _, ent_id, name = speaker_of(ctx, x["author"])     # a document's author: "X posted an update telling"
    rule = x["rule"]
    if sp is None and x["kind"] == "direct":
        if prev is not None:
            sp, ent_id, name = prev
            rule += "+carry_paragraph"
        elif last_attr is not None and last_attr[3] == para - 1 and _only_quotes(ctx.doc, para, qspans):
            sp, ent_id, name = last_attr[:3]
            rule += "+carry_previous_paragraph"
    return sp, ent_id, name, rule


def _object(x):
    """A stance's object is no content that was said: its dates and media may frame the act."""
    return x["rule"] == "quote_stance" or x.get("object", False)


def _only_quotes(doc, para, qspans):
    """Does paragraph ``para`` hold nothing but quoted regions?"""
    if not doc.paragraphs:
        return False
    p = doc.paragraphs[para]
    rest = []
    pos = p.start
    for a, b in qspans:
        if b <= p.start or a >= p.end:
            continue
        rest.append(doc.text[pos:a])
        pos = b
    rest.append(doc.text[pos:p.end])
    return words(" ".join(rest)) == 0
