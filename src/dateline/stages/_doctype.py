"""The document type when ``Settings.document_type`` is ``auto``: news, narrative or colloquial, from the text.

Clear rules over a few counts (the thresholds and patterns are data: ``document_type_auto`` in
``rules/timex.yaml``):

- **colloquial**: a short message (at most ``max_chars``) in the first or second person or exclamatory
  ("I", "you", "!", "lol", a lower-case start) or of one line that does not end with a full stop, without newswire words ("said", "Reuters", "vs"), or a text of at most ``social_max_chars`` with social-media markup (@user, #tag, a link, an emoticon);
- **narrative**: a long text (at least ``min_chars``) dense in written years, with almost no words that
  point at the publication date ("today", "yesterday", weekdays, "last week") and few reporting verbs:
  history and encyclopedic prose, where relative times count from the story's own last date;
- **news** otherwise.

A document's own ``meta["document_type"]`` (news | narrative | colloquial) overrides the rules; both timex
stages ask (the rules are cheap: a few regex scans, the long ones only on texts of ``min_chars`` or more).
``document_type(doc)`` below tells which type auto gives a document.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ..grammar import regex as rx
from ..grammar.analysis import for_ascii
from ..model import Document

TYPES = ("news", "narrative", "colloquial")


def make_doctype(cfg: Mapping[str, Any]) -> Callable[[Document], str]:
    col, nar = cfg["colloquial"], cfg["narrative"]
    max_chars, social_max = int(col["max_chars"]), int(col["social_max_chars"])
    news_words, informal = rx.compile(col["news_words"]), rx.compile(col["informal"])
    social = rx.compile(col["social"])
    min_chars, min_years = int(nar["min_chars"]), int(nar["min_years"])
    scans = [rx.compile(nar[k]) for k in ("year", "deictic", "reporting")]
    ascii_scans = [for_ascii(p) for p in scans]     # the same matches on ASCII texts, found faster
    years_k, deictic_k, reporting_k = (float(nar[k]) for k in ("min_years_per_1000", "max_deictic_per_1000",
                                                               "max_reporting_per_1000"))

    def narrative(text: str) -> bool:
        k = len(text) / 1000
        year, deictic, reporting = ascii_scans if text.isascii() else scans
        n_years = len(year.findall(text))
        if n_years < min_years or n_years < years_k * k:
            return False
        return len(deictic.findall(text)) <= deictic_k * k and len(reporting.findall(text)) <= reporting_k * k

    def one_line(text: str) -> bool:
        """A one-line text that does not end like a written sentence: a message."""
        return "\n" not in text and not text.endswith(".")

    key = repr(sorted(cfg.items()))

    def doctype(doc: Document) -> str:
        global _LAST
        text, meta = doc.text, doc.meta
        last = _LAST
        if last[0] is text and last[1] is meta and last[2] == key:
            return last[3]                  # both timex stages ask for the same document, one after the other
        got = decide(text, meta)
        _LAST = (text, meta, key, got)
        return got

    def decide(text: str, meta) -> str:
        given = meta.get("document_type") if meta else None
        if given in TYPES:
            return given
        n = len(text)
        if not text.strip():
            return "news"
        if n <= social_max and social.search(text) \
                or n <= max_chars and (informal.search(text) or one_line(text.strip())) \
                and not news_words.search(text):
            return "colloquial"
        if n >= min_chars and narrative(text):
            return "narrative"
        return "news"
    return doctype


_DEFAULT: Callable[[Document], str] | None = None
_LAST: tuple = (None, None, None, None)     # (text, meta, rules, type) of the last document asked about


def document_type(doc: Document) -> str:
    """The type ``auto`` gives ``doc`` (news | narrative | colloquial), with the shipped rules."""
    global _DEFAULT
    if _DEFAULT is None:
        from ..grammar import load_resources
        _DEFAULT = make_doctype(load_resources("en").data("timex")["document_type_auto"])
    return _DEFAULT(doc)
