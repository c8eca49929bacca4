"""Pipeline: stage names -> checked, compiled callables over Documents."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from .errors import MissingDCTError, PipelineOrderError, InputError
from .grammar import load_resources
from .model import Document
from .settings import Settings
from .stages.registry import get_stage

import re

_DCT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BASE_FIELDS = frozenset({"text", "dct"})


def check_document(doc: Document, settings: Settings) -> None:
    """The core rejects a document without a valid publication date; it never uses the clock."""
    if not doc.dct or not _DCT.match(doc.dct):
        raise MissingDCTError(f"document {doc.id!r}: expected dct YYYY-MM-DD, found {doc.dct!r}")
    import datetime as _dt
    try:
        _dt.date.fromisoformat(doc.dct)
    except ValueError:
        raise MissingDCTError(f"document {doc.id!r}: dct {doc.dct!r} is not a calendar date") from None
    if len(doc.text) > settings.max_chars:
        raise InputError(doc.id, f"text has {len(doc.text):,} characters; the limit is {settings.max_chars:,}")


class Pipeline:
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

    def __call__(self, doc: Document) -> Document:
        check_document(doc, self.settings)
        for fn in self._fns:
            doc = fn(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


@lru_cache(maxsize=2)
def default_pipeline(settings: Settings | None = None) -> Pipeline:
    return Pipeline(settings=settings or Settings())


def process(text: str, dct: str, id: str = "doc", meta: dict | None = None,
            settings: Settings | None = None) -> Document:
    """One-line helper: run the default pipeline over one text."""
    return default_pipeline(settings)(Document(id=id, text=text, dct=dct, meta=meta or {}))
