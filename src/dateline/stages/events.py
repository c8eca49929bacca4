"""Dated events (placeholder)."""
from __future__ import annotations

from ..model import Document
from .registry import stage


@stage("events", requires={"sentences", "timex_values", "mentions", "entities"}, assigns={"events"})
def make_events(settings, res):
    def events(doc: Document) -> Document:
        return doc
    return events
