"""Temporal expressions: find TIMEX3 candidates (placeholder until the rule engine lands)."""
from __future__ import annotations

from ..model import Document
from .registry import stage


@stage("timex_extract", requires={"sentences"}, assigns={"timexes"})
def make_timex_extract(settings, res):
    def timex_extract(doc: Document) -> Document:
        return doc
    return timex_extract
