"""The article timeline (placeholder)."""
from __future__ import annotations

from ..model import Document
from .registry import stage


@stage("timeline", requires={"events", "quotes"}, assigns={"timeline"})
def make_timeline(settings, res):
    def timeline(doc: Document) -> Document:
        return doc
    return timeline
