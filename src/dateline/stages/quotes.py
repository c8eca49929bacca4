"""Quotes: direct, mixed and indirect, with speaker, cue, medium and when they were said."""
from __future__ import annotations

from ..model import Document
from .registry import stage


@stage("quotes", requires={"sentences", "mentions", "entities", "timex_values"}, assigns={"quotes"})
def make_quotes(settings, res):
    def quotes(doc: Document) -> Document:
        return doc
    return quotes
