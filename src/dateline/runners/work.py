"""What every runner does with one record: run the pipeline, or name the failure and go on.

A record that cannot be processed becomes a ``Failure``: where it came from, the document id if
known, a code and the reason. ``run_item`` never raises for a bad record (a bug in a stage on one
record is a ``DL399`` failure of that record), so every runner (``dateline extract``, ``batch``,
``ingest``, ``timeml`` and the Spark job) gives the same documents and the same failures for the
same input.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from ..errors import DatelineError, EmptyInputError, InputError
from ..io.crawl import Item, materialize
from ..io.readers import ReadOptions
from ..model import Document
from ..pipeline import Pipeline

T = TypeVar("T")


def _printable(s: str) -> str:
    """Text that encodes to UTF-8 (a lone surrogate in a reason or a path is written escaped)."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True)
class Failure:
    """A record that could not be processed, named: ``where`` (file, file:line, URL), ``id``, code, reason."""
    where: str
    id: str | None
    code: str
    error: str

    def __post_init__(self):
        for name in ("where", "id", "error"):
            v = getattr(self, name)
            if v is not None:
                object.__setattr__(self, name, _printable(str(v)))

    @property
    def skipped(self) -> bool:
        """Nothing to process (an empty record): counted as skipped, not failed, unless --strict."""
        return self.code == EmptyInputError.code

    def row(self) -> dict:
        return {"where": self.where, "id": self.id, "code": self.code, "error": self.error}

    def line(self) -> str:
        """One line of an errors file (JSON)."""
        return json.dumps(self.row(), ensure_ascii=False) + "\n"

    def message(self) -> str:
        """The one-line report of the command line: ``where (id X): DLnnn: reason``."""
        return self.error if self.id is None else f"{self.where} (id {self.id}): {self.error}"


def failure_of(rec, exc: BaseException | None = None) -> Failure:
    """The failure of a record: an ``InputError`` read in its place, or the exception its processing raised."""
    if isinstance(rec, InputError):
        return Failure(rec.where, None, rec.code, str(rec))
    where = str(rec.meta.get("source", rec.id)) if isinstance(rec, Document) else "?"
    doc_id = rec.id if isinstance(rec, Document) else None
    if isinstance(exc, DatelineError):
        return Failure(where, doc_id, exc.code, str(exc))
    return Failure(where, doc_id, "DL399", f"DL399: internal error {type(exc).__name__}: {exc}")


def guarded(where: str, fn: Callable[[], T]) -> T | Failure:
    """``fn()``, or the failure it raised, named by ``where`` (for work that is not one Document)."""
    try:
        return fn()
    except DatelineError as e:
        return Failure(where, None, e.code, str(e))
    except OSError as e:
        return Failure(where, None, InputError.code, f"{InputError.code}: {where}: {e.strerror or e}")
    except Exception as e:     # a bug on one record must not lose the batch
        return Failure(where, None, "DL399", f"DL399: internal error {type(e).__name__}: {e}")


def run_record(pipeline: Pipeline, rec) -> Document | Failure:
    """A record already read (Document or InputError) -> a processed Document, or its failure."""
    if isinstance(rec, InputError):
        return failure_of(rec)
    try:
        return pipeline(rec)
    except Exception as e:   # DatelineError for bad data; anything else is a bug on one record
        return failure_of(rec, e)


def run_item(pipeline: Pipeline, item: Item, opts: ReadOptions) -> Document | Failure:
    """One work item -> a processed Document, or its failure (never raises for bad data)."""
    try:
        rec = materialize(item, opts)
    except Exception as e:   # a reader bug on one item must not lose the batch
        return Failure(str(item[1]) if len(item) > 1 else "?", None, "DL399",
                       f"DL399: internal error reading {type(e).__name__}: {e}")
    return run_record(pipeline, rec)


def run_items(pipeline: Pipeline, items: Iterable[Item], opts: ReadOptions):
    for item in items:
        yield run_item(pipeline, item, opts)

