"""Crawl formats (HTML pages, WARC, Parquet, CSV) and the *work items* the batch runners ship.

``reader_for(lower_name)`` returns a reader ``(path, opts) -> Iterator[Record]`` or None when the
file is not a crawl format; ``io.readers.read_path`` uses it, so ``dateline extract`` reads them too.

For the batch runners, reading is split in two so that the expensive half runs in the workers:
``iter_items(inputs, opts)`` is the cheap half (run by the one reading process: it streams lines,
rows and WARC payloads, and never holds a whole file in memory), and ``materialize(item, opts)``
is the expensive half (JSON parsing, HTML extraction with trafilatura), run where the pipeline
runs. ``materialize(item)`` for every item of ``iter_items(inputs)`` gives the same records, in the
same order, as ``read_inputs(inputs)`` (except that JSONL is streamed, so a bad byte spoils one line,
not the whole file, and a JSONL file is not subject to the one-file size limit).

An item is a small picklable tuple whose first element is its kind:
``("rec", document)``, ``("err", error class, where, message)`` (an ``InputError`` met while
reading; exceptions with two-argument constructors do not pickle), ``("json", where, fallback_id, line)``, ``("obj", where, fallback_id, dict)``,
``("html_file", path)`` and ``("html", where, doc_id, data, url, meta)``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import EmptyInputError, EncodingInputError, InputError, JSONInputError
from .html import read_html, read_html_file, record_from_html
from .readers import (ReadOptions, Record, iter_paths, read_bytes, read_path, record_from_object)
from .tabular import iter_csv_rows, iter_parquet_rows, read_csv, read_parquet
from .warc import iter_warc_pages, read_warc

Item = tuple

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")


def reader_for(lower_name: str) -> Callable | None:
    if lower_name.endswith(HTML_SUFFIXES):
        return read_html
    if lower_name.endswith(WARC_SUFFIXES):
        return read_warc
    if lower_name.endswith(".parquet"):
        return read_parquet
    if lower_name.endswith(".csv"):
        return read_csv
    return None


# -- work items -------------------------------------------------------------------------------------
def rec_item(rec: Record) -> Item:
    """A record already read -> a picklable item."""
    if isinstance(rec, InputError):
        prefix = f"{rec.where}: "
        msg = rec.message[len(prefix):] if rec.message.startswith(prefix) else rec.message
        return ("err", type(rec), rec.where, msg)
    if not isinstance(rec.meta, dict):
        rec = rec.replace(meta=dict(rec.meta))
    return ("rec", rec)


def _jsonl_items(path: Path) -> Iterator[Item]:
    name = str(path)
    n = 0
    try:
        with open(path, "rb") as f:
            for n, raw in enumerate(f, 1):
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if raw.endswith(b"\n"):          # the terminator is not part of the line (as splitlines)
                    raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
                if not raw.strip():
                    continue
                where = f"{name}:{n}"
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    yield rec_item(EncodingInputError(where, f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at "
                                                             f"column {e.start + 1}); expected UTF-8 text"))
                    continue
                yield ("json", where, str(n), line)
    except OSError as e:
        yield rec_item(InputError(name, f"cannot read: {e.strerror or e}"))
        return
    if n == 0:
        yield rec_item(EmptyInputError(name, "empty file; expected one JSON object per line"))


def _row_items(rows) -> Iterator[Item]:
    for r in rows:
        yield rec_item(r) if isinstance(r, InputError) else ("obj", *r)


def _warc_items(path: Path) -> Iterator[Item]:
    for r in iter_warc_pages(path):
        if isinstance(r, InputError):
            yield rec_item(r)
        else:
            where, url, data, meta = r
            yield ("html", where, url, data, url, meta)


def items_for_path(p: Path, opts: ReadOptions) -> Iterator[Item]:
    lower = str(p).lower()
    if lower.endswith(JSONL_SUFFIXES):
        yield from _jsonl_items(p)
    elif lower.endswith(HTML_SUFFIXES):
        yield ("html_file", str(p))
    elif lower.endswith(WARC_SUFFIXES):
        yield from _warc_items(p)
    elif lower.endswith(".parquet"):
        yield from _row_items(iter_parquet_rows(p))
    elif lower.endswith(".csv"):
        yield from _row_items(iter_csv_rows(p))
    else:
        for rec in read_path(p, opts):   # dated text, plain text, JSON: small files, read whole
            yield rec_item(rec)


def iter_items(inputs: Iterable[str], opts: ReadOptions) -> Iterator[Item]:
    """The cheap half of reading: every input's work items, in input order."""
    import sys
    for p in iter_paths(inputs):
        if isinstance(p, InputError):
            yield rec_item(p)
        elif p == "-":
            for rec in read_bytes(sys.stdin.buffer.read(), "<stdin>", opts, doc_id="stdin"):
                yield rec_item(rec)
        elif not p.exists():
            yield rec_item(InputError(str(p), "no such file or directory"))
        else:
            yield from items_for_path(p, opts)


def materialize(item: Item, opts: ReadOptions) -> Record:
    """The expensive half of reading: one work item -> a Document or an InputError."""
    kind = item[0]
    if kind == "json":
        _, where, fid, line = item
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            return JSONInputError(where, f"malformed JSON ({e.msg} at column {e.colno}); "
                                         "expected one JSON object per line")
        return record_from_object(obj, where, fid, opts)
    if kind == "obj":
        _, where, fid, obj = item
        return record_from_object(obj, where, fid, opts)
    if kind == "html_file":
        return read_html_file(item[1], opts)
    if kind == "html":
        _, where, doc_id, data, url, meta = item
        return record_from_html(data, where, doc_id, opts, url=url, meta=meta)
    if kind == "rec":
        return item[1]
    if kind == "err":
        _, cls, where, msg = item
        return cls(where, msg)
    raise ValueError(f"unknown work item kind {kind!r}")


def estimate_total(inputs: Iterable[str]) -> int | None:
    """A cheap count of the records ahead (for the progress bar's ETA), or None if unknown."""
    total = 0
    for p in iter_paths(inputs):
        if isinstance(p, InputError) or p == "-" or not p.exists():
            total += 1
            continue
        lower = str(p).lower()
        try:
            if lower.endswith(JSONL_SUFFIXES) or lower.endswith(".csv"):
                n = last = 0
                with open(p, "rb") as f:
                    while chunk := f.read(1 << 20):
                        n += chunk.count(b"\n")
                        last = chunk[-1]
                total += n + (1 if last not in (0, 10) else 0) - (1 if lower.endswith(".csv") else 0)
            elif lower.endswith(".parquet"):
                import pyarrow.parquet as pq
                total += pq.ParquetFile(p).metadata.num_rows
            elif lower.endswith(WARC_SUFFIXES):
                return None
            else:
                total += 1
        except Exception:
            return None
    return max(total, 0)
