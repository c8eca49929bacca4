"""Pipeline: stage names -> checked, compiled callables over Documents.

>>> from dateline import Pipeline
>>> nlp = Pipeline()
>>> doc = nlp("Talks will resume on Friday, the minister said.", dct="2024-03-05")
>>> [(t.text, t.value) for t in doc.timexes]
[('Friday', '2024-03-08')]
"""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from .errors import EncodingInputError, MissingDCTError, PipelineOrderError, InputError
from .grammar import load_resources, regex as regex_cache
from .model import Document
from .settings import Settings
from .stages.registry import get_stage

import re

_DCT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BASE_FIELDS = frozenset({"text", "dct"})


def check_document(doc: Document, settings: Settings) -> None:
    """The core rejects a document without a valid publication date; it never uses the clock."""
    if not isinstance(doc.dct, str) or not doc.dct or not _DCT.match(doc.dct):
        raise MissingDCTError(f"document {doc.id!r}: expected dct YYYY-MM-DD, found {doc.dct!r}")
    try:
        _dt.date.fromisoformat(doc.dct)
    except ValueError:
        raise MissingDCTError(f"document {doc.id!r}: dct {doc.dct!r} is not a calendar date") from None
    if not isinstance(doc.text, str):
        raise InputError(str(doc.id), f"text: expected a string, found {type(doc.text).__name__}")
    if len(doc.text) > settings.max_chars:
        raise InputError(doc.id, f"text has {len(doc.text):,} characters; the limit is {settings.max_chars:,}")
    if doc.text.isascii():                # no surrogate possible: skip encoding the whole text
        return
    try:
        doc.text.encode("utf-8")
    except UnicodeEncodeError as e:      # a lone surrogate ("\ud800" in JSON) is no character
        raise EncodingInputError(str(doc.id), f"text: lone surrogate \\u{ord(doc.text[e.start]):04x} at "
                                              f"character {e.start}; expected valid Unicode") from None


class Pipeline:
    """An ordered list of stages, each a pure ``Document -> Document`` function, built once.

    ``Pipeline()`` runs the default stages of ``Settings().stages`` (segment, timex_extract,
    timex_anchor, entities, quotes, events, timeline); ``Pipeline(["segment", "timex_extract",
    "timex_anchor"])`` runs only those. Stage order is checked when the pipeline is built: a stage
    whose requirements are not assigned by an earlier one raises ``PipelineOrderError`` (DL102).
    Building compiles the rules and word lists once; calling is cheap, so build one pipeline and
    reuse it (it is safe to share between threads: stages keep no state between documents).

    Call it on a text and its publication date, ``nlp(text, dct="2024-03-05")``, or on a
    ``Document``; ``nlp.pipe(docs)`` streams many. The publication date is always an input: a
    missing or invalid ``dct`` raises ``MissingDCTError`` (DL101), never a fallback to the clock.
    """

    def __init__(self, stages: Iterable[str] | None = None, settings: Settings | None = None):
        self.settings = settings or Settings()
        names = tuple(stages) if stages is not None else self.settings.stages
        res = load_resources(self.settings.language, self.settings.resources)
        have = set(BASE_FIELDS)
        self.names = names
        self._fns = []
        for name in names:
            info = get_stage(name)
            missing = info.requires - have
            if missing:
                raise PipelineOrderError(f"{name} requires {sorted(info.requires)}; fulfilled "
                                         f"{sorted(have)}; missing {sorted(missing)} (add a stage that "
                                         f"assigns it before {name})")
            have |= info.assigns
            self._fns.append(info.factory(self.settings, res))
        regex_cache.save()          # the next process starts from the compiled grammar (grammar/regex.py)

    def __call__(self, doc: Document | str, dct: str | None = None, *, id: str = "doc",
                 meta: Mapping[str, Any] | None = None) -> Document:
        """Run every stage over one article and return the new, frozen ``Document``.

        ``doc`` is a ``Document`` (its own ``dct`` is used; passing ``dct`` too is an error) or a
        text, in which case ``dct`` (``YYYY-MM-DD``) is required and ``id``/``meta`` name it.
        Raises ``MissingDCTError`` (DL101) for a missing or invalid date and ``InputError`` (DL3xx)
        for a text over ``Settings.max_chars``.
        """
        if not isinstance(doc, Document):
            doc = as_document(doc, dct, id=id, meta=meta)
        elif dct is not None:
            raise InputError(doc.id, "dct: pass the date inside the Document, not beside it")
        check_document(doc, self.settings)
        for fn in self._fns:
            doc = fn(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process ``Document``s one by one, lazily: a generator in, a generator out."""
        for doc in docs:
            yield self(doc)


def as_document(text: str, dct: str | None, *, id: str = "doc",
                meta: Mapping[str, Any] | None = None) -> Document:
    """A ``Document`` from a text and its publication date, with clear errors for wrong types."""
    if not isinstance(text, str):
        raise InputError(str(id), f"expected a Document or a text (str), found {type(text).__name__}")
    if dct is None:
        raise MissingDCTError(f"document {id!r}: a text needs its publication date: dct='YYYY-MM-DD'")
    if not isinstance(dct, str):
        raise MissingDCTError(f"document {id!r}: expected dct as a 'YYYY-MM-DD' string, "
                              f"found {type(dct).__name__}")
    return Document(id=str(id), text=text, dct=dct, meta=dict(meta or {}))


@lru_cache(maxsize=2)
def default_pipeline(settings: Settings | None = None) -> Pipeline:
    """The pipeline of ``settings`` (default ``Settings()``), built once and cached."""
    return Pipeline(settings=settings or Settings())


def process(text: str, dct: str, id: str = "doc", meta: Mapping[str, Any] | None = None,
            settings: Settings | None = None) -> Document:
    """Run the default pipeline over one text published on ``dct`` (``YYYY-MM-DD``).

    The one-line entry point: the pipeline of ``settings`` is built on the first call and cached.

    >>> import dateline
    >>> doc = dateline.process('"We will rebuild," Mayor Ana Lopez said on Monday.', dct="2024-03-08")
    >>> [(q.speaker_name, q.said_on, q.text) for q in doc.quotes]
    [('Ana Lopez', '2024-03-04', 'We will rebuild')]
    >>> doc.to_dict()["schema_version"]
    1
    """
    return default_pipeline(settings)(as_document(text, dct, id=id, meta=meta))
