"""Parquet and CSV inputs: one article per row, with the same field options as JSONL
(``--text-field``/``--date-field``/``--id-field``); rows go through ``record_from_object``.

Both are streamed (Parquet by record batches, CSV row by row), so a large file is never held in
memory. The fallback id of a row is its 1-based row number.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Iterator

from ..errors import EmptyInputError, InputError
from .readers import ReadOptions, Record, record_from_object

BATCH_ROWS = 1024


def iter_parquet_rows(path: Path | str) -> Iterator[tuple[str, str, dict] | InputError]:
    """(where, fallback id, row dict) per row, or an InputError if the file cannot be read."""
    import pyarrow.parquet as pq
    name = str(path)
    n = 0
    try:
        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=BATCH_ROWS):
            for row in batch.to_pylist():
                n += 1
                yield f"{name}:{n}", str(n), row
    except Exception as e:   # not Parquet, truncated, unreadable
        yield InputError(f"{name}:{n + 1}" if n else name, f"cannot read Parquet ({type(e).__name__}: {e})")
        return
    if n == 0:
        yield EmptyInputError(name, "empty Parquet file; expected one article per row")


def iter_csv_rows(path: Path | str) -> Iterator[tuple[str, str, dict] | InputError]:
    """(where, fallback id, row dict) per CSV row (header line first); where names the line."""
    name = str(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    n = 0
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            reader.fieldnames            # reads the header line
            prev = reader.line_num
            for row in reader:
                n += 1
                start, prev = prev + 1, reader.line_num     # a quoted field may span lines
                row = {k: v for k, v in row.items() if k is not None}
                yield f"{name}:{start}", str(n), row
    except UnicodeDecodeError as e:
        yield InputError(f"{name}:{n + 2}", f"not valid UTF-8 ({e.reason}); expected UTF-8 CSV")
        return
    except (OSError, csv.Error) as e:
        yield InputError(f"{name}:{n + 2}", f"cannot read CSV: {e}")
        return
    if n == 0:
        yield EmptyInputError(name, "empty CSV; expected a header line and one article per row")


def _records(rows, opts: ReadOptions) -> Iterator[Record]:
    for item in rows:
        if isinstance(item, InputError):
            yield item
        else:
            where, fid, row = item
            yield record_from_object(row, where, fid, opts)


def read_parquet(path: Path, opts: ReadOptions) -> Iterator[Record]:
    yield from _records(iter_parquet_rows(path), opts)


def read_csv(path: Path, opts: ReadOptions) -> Iterator[Record]:
    yield from _records(iter_csv_rows(path), opts)
