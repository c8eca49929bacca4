"""Pure data: the Document and its records. Imports nothing else from dateline."""
from .records import (
    Document, Paragraph, Sentence, Token, Timex, TimeSpec, Mention, Entity, Quote, Event,
    TimelineEntry, Span,
)
from .serialize import SCHEMA_VERSION, to_dict, to_json, from_dict

__all__ = [
    "Document", "Paragraph", "Sentence", "Token", "Timex", "TimeSpec", "Mention", "Entity", "Quote",
    "Event", "TimelineEntry", "Span", "SCHEMA_VERSION", "to_dict", "to_json", "from_dict",
]
