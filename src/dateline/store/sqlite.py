"""The embedded store: SQLite + FTS5, no server.

``Store.put(doc)`` writes one processed Document (rows come from ``model.to_dict``), ``get(id)`` reads it
back; the query methods answer the newsroom questions (quotes, people, timelines). Writes happen in
batches: ``with store.batch(): ...`` is one transaction, each ``put`` inside it a savepoint, and the
cross-article merges (people by surname, quote counts) are settled before the batch commits, so every
committed state is a pure function of the documents stored, whatever the batch boundaries.

This module holds the connection and puts the halves together: ``schema.py`` (schema.sql and the
migrations), ``writes.py`` (ingest and the merge bookkeeping) and ``queries.py`` (the reads). Every
name that used to live here is still importable from here.

Nothing here reads the clock: dates come from the documents.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from .errors import NotFound, StoreError
from .queries import (HI_END, HI_START, Queries, _marks, _page, _person_row, check_date, fts_query,
                      snippet_html, until_bound)
from .schema import DB_VERSION, HERE, _migrations, _split_sql, migrate
from .story import StoryRows
from .writes import _FULL_DAY, Writes, _dumps, _mentioned, _Pending, content_hash, day_of

__all__ = [
    "Store", "StoreError", "NotFound", "content_hash", "DB_VERSION", "HERE", "HI_START", "HI_END",
    "check_date", "until_bound", "fts_query", "snippet_html", "day_of",
    # private helpers, importable here as before the split (tests use _split_sql)
    "_FULL_DAY", "_Pending", "_migrations", "_split_sql", "_mentioned", "_person_row", "_page", "_marks",
    "_dumps",
]


class Store(StoryRows, Writes, Queries):
    """One SQLite file. ``readonly=True`` opens it with ``mode=ro`` (the server without a token)."""

    def __init__(self, path: str | Path, readonly: bool = False, cache_kib: int = 65536):
        """``cache_kib``: SQLite's page cache per connection (one connection per thread); a server with
        dozens of threads passes a small one (the operating system caches the file for all of them)."""
        self.path = str(path)
        self.readonly = readonly
        self.cache_kib = max(64, int(cache_kib))
        self._local = threading.local()
        self._pending = _Pending(set(), set())
        self._in_batch = False
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"no database at {self.path}; create it with 'dateline ingest ... --db {self.path}'")
            self.version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if self.version < DB_VERSION:
                raise StoreError(f"{self.path}: schema version {self.version}, this dateline needs {DB_VERSION}; "
                                 "open it once for writing (dateline ingest) to migrate")
        else:
            self.version = self.migrate()

    # -- connections -------------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            if self.readonly:
                uri = "file:" + Path(self.path).resolve().as_posix() + "?mode=ro"
                c = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
                c.execute("PRAGMA query_only = ON")
            else:
                c = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                c.execute("PRAGMA journal_mode = WAL")
                c.execute("PRAGMA synchronous = NORMAL")
                c.execute("PRAGMA foreign_keys = OFF")
            c.execute("PRAGMA busy_timeout = 10000")
            c.execute(f"PRAGMA cache_size = -{self.cache_kib}")
            c.execute("PRAGMA temp_store = MEMORY")
            c.row_factory = sqlite3.Row
            self._local.conn = c
        return c

    def close(self) -> None:
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> int:
        """Bring the file to ``DB_VERSION`` (schema.sql, then migrations/NNNN_*.sql); the version."""
        version = migrate(self.conn, self.path)
        if self.conn.execute("SELECT 1 FROM documents WHERE pk NOT IN (SELECT doc_pk FROM story_docs) "
                             "LIMIT 1").fetchone():
            with self.batch():
                self.backfill_story_rows()      # documents stored before schema version 3
        return version

    # -- tests and tools ---------------------------------------------------------------------------
    def dump(self) -> dict[str, list[tuple]]:
        """Every regular table, rows sorted: equal dumps mean equal databases (FTS follows its content)."""
        c = self.conn
        names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                         "'CREATE VIRTUAL%' AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%' "
                                         "ORDER BY name")]
        out = {n: sorted(tuple(r) for r in c.execute(f'SELECT * FROM "{n}"')) for n in names}
        for fts in ("documents_fts", "quotes_fts", "events_fts"):
            out[fts + ":integrity"] = [tuple(c.execute(f"SELECT COUNT(*) FROM {fts}").fetchone())]
        return out
