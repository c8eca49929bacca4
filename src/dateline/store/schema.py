"""Schema and migrations: ``schema.sql`` is version 1, ``migrations/NNNN_*.sql`` bring a database to
``DB_VERSION``; ``PRAGMA user_version`` and the ``schema_version`` table record where it is."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Iterable

from ..model import SCHEMA_VERSION
from .errors import StoreError

HERE = Path(__file__).parent
DB_VERSION = 3                      # schema.sql is version 1; migrations/NNNN_*.sql bring it here


def _migrations() -> list[tuple[int, str, str]]:
    out = []
    for p in sorted((HERE / "migrations").glob("*.sql")):
        m = re.match(r"(\d+)_(.+)\.sql$", p.name)
        if m:
            out.append((int(m.group(1)), m.group(2), p.read_text(encoding="utf-8")))
    return out


def _split_sql(sql: str) -> Iterable[str]:
    """The statements of a migration file, in order."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""
    if buf.strip() and not all(l.strip().startswith("--") or not l.strip() for l in buf.splitlines()):
        yield buf.strip()


def _apply(c: sqlite3.Connection, num: int, name: str, sql: str) -> None:
    """One migration step, in its own transaction."""
    c.execute("BEGIN IMMEDIATE")
    try:
        for stmt in _split_sql(sql):
            c.execute(stmt)
        c.execute("INSERT INTO schema_version(version, name) VALUES (?, ?)", (num, name))
        c.execute(f"PRAGMA user_version = {int(num)}")
        c.execute("COMMIT")
    except BaseException:
        c.execute("ROLLBACK")
        raise


def migrate(c: sqlite3.Connection, path: str) -> int:
    """Bring the database on ``c`` to ``DB_VERSION`` (``path`` only names it in errors); its version."""
    version = c.execute("PRAGMA user_version").fetchone()[0]
    steps: list[tuple[int, str, str]] = []
    if version == 0:
        steps.append((1, "initial", (HERE / "schema.sql").read_text(encoding="utf-8")))
    steps += [m for m in _migrations() if m[0] > max(version, 1 if version == 0 else version)]
    if version > DB_VERSION:
        raise StoreError(f"{path}: schema version {version} is newer than this dateline ({DB_VERSION})")
    for num, name, sql in steps:
        _apply(c, num, name, sql)
        version = num
    row = c.execute("SELECT value FROM store_meta WHERE key = 'model_schema_version'").fetchone()
    if row is None or row[0] != str(SCHEMA_VERSION):
        c.execute("INSERT OR REPLACE INTO store_meta(key, value) VALUES ('model_schema_version', ?)",
                  (str(SCHEMA_VERSION),))
    return version
