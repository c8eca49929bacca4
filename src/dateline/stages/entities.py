"""People and organisations: mentions, within-article coreference, gender and age."""
from __future__ import annotations

from ..model import Document
from .registry import stage


@stage("entities", requires={"sentences", "timex_values"}, assigns={"mentions", "entities"})
def make_entities(settings, res):
    def entities(doc: Document) -> Document:
        return doc
    return entities
