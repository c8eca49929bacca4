"""Quotes: direct, mixed and indirect, with speaker, cue, medium and when they were said.

Rules (patterns in ``rules/quote.yaml``; cue verbs, one line each, in ``lexicon/cue_verbs.tsv``):
1. quoted regions of any mark style (``_quotemarks``); titles, names, single words and scare quotes are
   not quotes;
2. cue clauses around a region: ``“…,” she said`` / ``said Smith`` after it, ``Smith said: “…”`` before
   it; ``“A,” she said, “B.”`` is one quote with two spans;
3. reported speech per sentence: ``NP CUE (that) CONTENT`` (``told X that``), ``CONTENT, NP CUE``,
   ``according to NP, CONTENT`` / ``CONTENT, according to NP``; a content holding a partial quote is
   ``mixed``; beliefs and intentions (``believes``, ``wants to``) are indirect with the belief verb as cue;
4. a quote without its own cue takes the speaker of the quote before it in the same paragraph, or of the
   previous paragraph when its paragraph holds nothing but quotes; otherwise the speaker stays null;
5. medium and ``said_on`` from the attribution sentence, or from the sentence that introduced the post /
   statement / interview of the same speaker ("On Sept. 30, X posted an Instagram update ...").

Modules: ``rules`` (the compiled word lists and patterns), ``context`` (the per-document view),
``speakers`` (speaker noun phrases and sentence subjects), ``direct`` (1, 2), ``reported`` (3),
``assemble`` (merging, 4, 5) and ``frames`` (medium and said_on helpers).
"""
from __future__ import annotations

from ...model import Document
from ..registry import stage
from .assemble import merge, to_quotes
from .cascade import Cascade, Models
from .context import SpanIndex, doc_context
from .direct import find_direct, quote_regions
from .reported import find_nominal, find_reported
from .rules import compile_rules


@stage("quotes", requires={"paragraphs", "sentences", "mentions", "entities", "timexes"},
       assigns={"quotes", "warnings"})
def make_quotes(settings, res, models=None):
    """The quotes stage; ``models`` (a ``cascade.Models``) overrides the shipped weights (training uses it)."""
    rules = compile_rules(res)
    learned = settings.learned and (settings.attribution == "learned" or models is not None)
    if learned:
        models = models or Models.load()
    cascade = Cascade(rules, models) if learned and models is not None else None

    def quotes(doc: Document) -> Document:
        ctx, warnings = doc_context(doc, rules)
        final, qspans, quoted = rule_finds(ctx)
        if cascade is not None:
            final = cascade.decide(ctx, final, quoted)
        if warnings:
            doc = doc.replace(warnings=doc.warnings + tuple(warnings))
        if not final:
            return doc.replace(quotes=())
        return doc.replace(quotes=to_quotes(ctx, final, qspans, quoted))
    return quotes


def rule_finds(ctx):
    """What the rules find: merged direct and reported records, the quoted regions and their index."""
    qregions, trimmed = quote_regions(ctx)
    direct = find_direct(ctx, qregions, trimmed)
    qspans = [(r.start, r.end) for r in qregions]
    quoted = SpanIndex(qspans)
    reported = find_reported(ctx, quoted)
    nominal = find_nominal(ctx, quoted, reported)
    if nominal:
        reported = sorted(reported + nominal, key=lambda r: r["content"][0])
    return merge(ctx, reported, direct), qspans, quoted
