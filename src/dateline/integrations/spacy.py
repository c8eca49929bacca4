"""A spaCy component: ``nlp.add_pipe("dateline")`` on any English pipeline, a blank one included.

Install the extra (``pip install 'dateline[spacy]'``); the factory is registered through spaCy's
``spacy_factories`` entry point, so no import is needed before ``add_pipe``::

    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline", config={"dct": "2024-03-08"})
    doc = nlp('"We will rebuild the bridge," Mayor Ana Lopez said on Monday.')
    doc._.timexes[0]._.value          # '2024-03-04'
    doc._.quotes[0]._.speaker_name    # 'Ana Lopez'

The publication date comes from, in this order: ``dct=`` passed to the component
(``nlp(text, component_cfg={"dateline": {"dct": "..."}})``), ``doc._.dct`` set on a ``Doc`` made
with ``nlp.make_doc`` before it is run, or the ``dct`` of the component's config. Without one the
component raises ``MissingDCTError`` (DL101); it never falls back to the clock.

What it sets (character offsets of dateline become spaCy spans, widened to token boundaries):

- ``doc._.dateline``: the whole dateline ``Document`` (``doc._.dateline.to_dict()`` is the JSON);
- ``doc._.timexes``: a ``Span`` per time expression, with ``span._.value``, ``span._.timex_type``;
- ``doc._.quotes``: a ``Span`` per quote (first to last content fragment) with ``span._.speaker``
  (a ``Span`` or None), ``span._.speaker_name``, ``span._.cue``, ``span._.said_on``,
  ``span._.quote_kind`` and ``span._.medium``;
- ``doc._.events``: a ``Span`` per dated event with ``span._.value`` (its date);
- every such span has ``span._.dateline``: the dateline record it came from;
- ``doc.ents`` gains people, organisations, places (``PERSON``/``ORG``/``GPE``/...) and times
  (``DATE``/``TIME``) where no entity of an earlier component covers those tokens
  (``set_ents=False`` in the config leaves ``doc.ents`` alone).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..model import Document
from ..pipeline import Pipeline
from ..settings import Settings

__all__ = ["DatelineComponent", "make_dateline"]

# dateline's TIMEX3 types as spaCy / OntoNotes entity labels
_TIMEX_LABEL = {"DATE": "DATE", "TIME": "TIME", "DURATION": "DATE", "SET": "DATE"}
_DOC_EXT = {"dct": None, "dateline": None, "timexes": None, "quotes": None, "events": None}
_SPAN_EXT = ("dateline", "value", "timex_type", "speaker", "speaker_name", "cue", "said_on",
             "quote_kind", "medium")


def _register_extensions() -> None:
    for name, default in _DOC_EXT.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in _SPAN_EXT:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _dct_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


class DatelineComponent:
    """The spaCy pipeline component; made by the ``"dateline"`` factory (see the module doc)."""

    def __init__(self, nlp: Language, name: str = "dateline", dct: str | None = None,
                 document_type: str = "news", set_ents: bool = True) -> None:
        _register_extensions()
        self.name = name
        self.dct = _dct_text(dct)
        self.set_ents = set_ents
        self.pipeline = Pipeline(settings=Settings(document_type=document_type))

    def __call__(self, doc: Doc, dct: str | _dt.date | None = None) -> Doc:
        day = _dct_text(dct) or _dct_text(doc._.dct) or self.dct
        result = self.pipeline(doc.text, dct=day, id=str(doc.user_data.get("id", "doc")))
        doc._.dct = result.dct
        doc._.dateline = result
        doc._.timexes = [sp for t in result.timexes
                         if (sp := _span(doc, t.start, t.end, _TIMEX_LABEL.get(t.type, "DATE"), t))]
        for sp in doc._.timexes:
            sp._.value, sp._.timex_type = sp._.dateline.value, sp._.dateline.type
        doc._.quotes = [sp for q in result.quotes if (sp := self._quote(doc, q))]
        doc._.events = [sp for e in result.events if (sp := _span(doc, e.start, e.end, "EVENT", e))]
        for sp in doc._.events:
            sp._.value = sp._.dateline.date
        if self.set_ents:
            _add_ents(doc, result)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    @staticmethod
    def _quote(doc: Doc, q: Any) -> Span | None:
        sp = _span(doc, q.spans[0][0], q.spans[-1][1], "QUOTE", q)
        if sp is None:
            return None
        if q.speaker is not None:
            sp._.speaker = _span(doc, q.speaker.start, q.speaker.end, "SPEAKER")
        if q.cue is not None:
            sp._.cue = _span(doc, q.cue.start, q.cue.end, "CUE")
        sp._.speaker_name, sp._.said_on = q.speaker_name, q.said_on
        sp._.quote_kind, sp._.medium = q.kind, q.medium
        return sp


def _span(doc: Doc, start: int, end: int, label: str, record: Any = None) -> Span | None:
    sp = doc.char_span(start, end, label=label, alignment_mode="expand")
    if sp is not None and record is not None:
        sp._.dateline = record
    return sp


def _add_ents(doc: Doc, result: Document) -> None:
    """People, organisations and times from dateline where no existing entity covers the tokens."""
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    new = [sp for sp in doc._.timexes]
    for m in result.mentions:
        if m.kind == "name":
            sp = _span(doc, m.start, m.end, m.label)
            if sp is not None:
                new.append(sp)
    free = [Span(doc, sp.start, sp.end, label=sp.label_) for sp in filter_spans(new)
            if not taken.intersection(range(sp.start, sp.end))]
    if free:
        doc.set_ents(free, default="unmodified")


@Language.factory("dateline", default_config={"dct": None, "document_type": "news", "set_ents": True})
def make_dateline(nlp: Language, name: str, dct: str | None, document_type: str,
                  set_ents: bool) -> DatelineComponent:
    """The ``"dateline"`` factory: ``nlp.add_pipe("dateline", config={"dct": "YYYY-MM-DD"})``."""
    return DatelineComponent(nlp, name, dct=dct, document_type=document_type, set_ents=set_ents)
