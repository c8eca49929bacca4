"""Ingest: the one runner (``runners.pool``) with the store as its edge.

Records are read here, in input order; a record whose id and content hash are already stored is
counted ``unchanged`` and not extracted again (that is how a re-run resumes); the others go through
``Runner.map`` (in this process or in workers) and come back, in input order, as documents or
named failures. This process alone writes the database, ``batch_size`` documents per transaction,
and a transaction is opened only once its documents are all extracted, so a failure while
extracting never rolls back a document. The result does not depend on the number of workers.
"""
from __future__ import annotations

import sqlite3
import sys
from typing import IO, Iterable, Sequence

from ..errors import DuplicateIdError, InputError
from ..model import Document, from_dict, to_dict
from ..settings import Settings
from ..store import Store, content_hash
from .pool import Context, Job, Runner, chunks, process_records
from .work import Failure, failure_of

CHUNK = 8            # documents a worker takes at a time


def ingest(records: Iterable, store: Store, settings: Settings, batch_size: int = 200, force: bool = False,
           workers: int = 1, err: IO[str] | None = None, progress=None) -> dict[str, int]:
    """Extract and store every record in input order, committing every ``batch_size`` documents.
    Bad records are reported (one line each on ``err``) and counted; they never stop the run.
    ``workers > 1`` runs the pipeline in that many processes."""
    err = err or sys.stderr
    counts = {"new": 0, "replaced": 0, "unchanged": 0, "failed": 0, "skipped": 0}
    seen: dict[str, str] = {}          # id -> where it was read, in this run

    def failed(f: Failure) -> None:
        print(f"{'skipped' if f.skipped else 'error'}: {f.message()}", file=err)
        counts["skipped" if f.skipped else "failed"] += 1

    with Runner(Job(settings), workers if workers > 1 else 0) as runner:
        for _, window in chunks(records, max(batch_size, 1)):
            todo: list[tuple[Document, str]] = []
            for rec in window:
                chash = _hash(rec) if isinstance(rec, InputError) else _unique(rec, seen) or _hash(rec)
                if isinstance(chash, Failure):
                    failed(chash)
                elif not force and store.stored_hash(rec.id) == chash:
                    counts["unchanged"] += 1
                else:
                    todo.append((rec, chash))
                    continue
                _tick(progress)
            if not todo:
                continue
            docs = [rec if isinstance(rec.meta, dict) else rec.replace(meta=dict(rec.meta)) for rec, _ in todo]
            results = [r for _, part in runner.map(_extract, chunks(docs, CHUNK)) for r in part]
            with store.batch():          # opened once every document of the window is extracted
                for (rec, chash), res in zip(todo, results):
                    status = res if isinstance(res, Failure) else _put(store, rec, from_dict(res), chash, force)
                    if isinstance(status, Failure):
                        failed(status)
                    else:
                        counts[status] += 1
                    _tick(progress)
    return counts


def _extract(ctx: Context, k: int, records: Sequence[Document]) -> list[dict | Failure]:
    """The chunk function: documents -> processed documents as dicts (they travel between processes)."""
    return [r if isinstance(r, Failure) else to_dict(r) for r in process_records(ctx, k, records)]


def _unique(rec: Document, seen: dict[str, str]) -> Failure | None:
    """A second record with the id of an earlier one of this run would silently replace it: its failure."""
    where = str(rec.meta.get("source", rec.id))
    first = seen.setdefault(rec.id, where)
    if first == where:
        return None
    return failure_of(DuplicateIdError(where, f"id {rec.id!r} is already the id of {first} in this run; give each "
                                              "article its own id (an 'id' field, or another file name)"))


def _hash(rec) -> str | Failure:
    if isinstance(rec, InputError):
        return failure_of(rec)
    try:
        return content_hash(rec)
    except Exception as e:
        return failure_of(rec, e)


def _put(store: Store, rec: Document, doc: Document, chash: str, force: bool) -> str | Failure:
    """Store one document: its status, or the failure of this one document (the batch goes on).
    An error of the database itself (disk full, read-only file) is no fault of the document: it stops
    the run, and the documents committed before it are kept."""
    try:
        return store.put(doc, chash, force=force)
    except sqlite3.OperationalError:
        raise
    except Exception as e:
        return Failure(str(rec.meta.get("source", rec.id)), rec.id, "DL399",
                       f"DL399: cannot store {type(e).__name__}: {e}")


def _tick(progress) -> None:
    if progress is not None:
        progress.update(1)
