"""What every runner does with one record: run the pipeline, or turn the failure into an error row.

Shared by the local runner (``runners.local``) and the Spark runner (``runners.spark``) so that both
give the same documents and the same error records for the same input.
"""
from __future__ import annotations

import json
from typing import Iterable

from ..errors import DatelineError, InputError
from ..io.crawl import Item, materialize
from ..io.readers import ReadOptions
from ..model import Document
from ..pipeline import Pipeline


def error_row(rec, exc: BaseException | None = None) -> dict:
    """An error record: where it came from, the document id if known, the code and the reason."""
    if isinstance(rec, InputError):
        return {"where": rec.where, "id": None, "code": rec.code, "error": str(rec)}
    where = str(rec.meta.get("source", rec.id)) if isinstance(rec, Document) else "?"
    doc_id = rec.id if isinstance(rec, Document) else None
    if isinstance(exc, DatelineError):
        return {"where": where, "id": doc_id, "code": exc.code, "error": str(exc)}
    return {"where": where, "id": doc_id, "code": "DL399",
            "error": f"DL399: internal error {type(exc).__name__}: {exc}"}


def run_item(pipeline: Pipeline, item: Item, opts: ReadOptions) -> Document | dict:
    """One work item -> a processed Document, or an error row (never raises for bad data)."""
    try:
        rec = materialize(item, opts)
    except Exception as e:   # a reader bug on one item must not lose the batch
        return {"where": str(item[1]) if len(item) > 1 else "?", "id": None, "code": "DL399",
                "error": f"DL399: internal error reading {type(e).__name__}: {e}"}
    if isinstance(rec, InputError):
        return error_row(rec)
    try:
        return pipeline(rec)
    except Exception as e:   # DatelineError for bad data; anything else is a bug on one record
        return error_row(rec, e)


def run_items(pipeline: Pipeline, items: Iterable[Item], opts: ReadOptions):
    for item in items:
        yield run_item(pipeline, item, opts)


def error_line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"
