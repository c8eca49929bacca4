"""Input readers, one per format, auto-detected. Each yields Documents or InputErrors, never raises
for a bad record, so one broken file or line never stops a batch.

Formats: dated text (first line ``date YYYY-MM-DD``, the text may start on the same line), plain text
with ``dct``, JSONL (one article per line), JSON (one object or a list), and — through
``dateline.io.crawl`` — HTML, WARC, Parquet and CSV. A directory is read recursively; ``-`` is stdin.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

from ..errors import (DateInputError, EmptyInputError, EncodingInputError, InputError, JSONInputError,
                      SizeInputError)
from ..model import Document

TEXT_FIELDS = ("text", "content", "body")
DATE_FIELDS = ("date", "dct", "published", "publication_date", "pub_datetime", "time")
ID_FIELDS = ("id",)
MAX_BYTES = 50 * 1024 * 1024          # a single text file larger than this is refused (DL305)

_DATED = re.compile(r"\A\s*date[ \t]+(\S+)(?:[ \t]+|[ \t]*\r?\n|\Z)")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{2}:\d{2}|T?\d{2}\d{2}|Z)")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")

Record = Union[Document, InputError]


@dataclass(frozen=True)
class ReadOptions:
    dct: str | None = None                 # overrides any date found in the input
    text_field: str | None = None
    date_field: str | None = None
    id_field: str | None = None
    max_bytes: int = MAX_BYTES


def normalize_date(value: Any) -> str | None:
    """``2020-10-16``, ``2020-10-16T15:01:01``, ``2020-10-16 15:01``, ``20201016`` -> ``2020-10-16``;
    anything else -> None."""
    if value is None or isinstance(value, bool):
        return None
    s = str(value)
    m = _ISO_DATE.match(s) or _COMPACT_DATE.match(s)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def check_dct(dct: str, where: str) -> str:
    norm = normalize_date(dct)
    if norm is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct.strip()):
        raise DateInputError(where, f"expected a publication date YYYY-MM-DD, found {dct!r}")
    return norm


def decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:65536]:
        raise EncodingInputError(where, "binary data (NUL bytes); expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise EncodingInputError(where, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
                                        "expected UTF-8 text") from None


# -- one reader per format -------------------------------------------------------------------------
def read_text(text: str, where: str, doc_id: str, opts: ReadOptions) -> Iterator[Record]:
    """Dated text (``date YYYY-MM-DD`` first line) or plain text with ``opts.dct``."""
    if not text.strip():
        yield EmptyInputError(where, "empty file; expected an article (first line 'date YYYY-MM-DD', or --dct)")
        return
    m = _DATED.match(text)
    body = text
    dct = None
    if m:
        body = text[m.end():]
        dct = normalize_date(m.group(1)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.group(1)) else None
        if dct is None and opts.dct is None:
            yield DateInputError(where, f"line 1: expected 'date YYYY-MM-DD', found 'date {m.group(1)}'")
            return
    if opts.dct is not None:
        dct = opts.dct
    if dct is None:
        yield DateInputError(where, "no publication date: expected a first line 'date YYYY-MM-DD' or --dct YYYY-MM-DD")
        return
    if not body.strip():
        yield EmptyInputError(where, "no text after the date line")
        return
    yield Document(id=doc_id, text=body, dct=dct, meta={"source": where})


def _pick(obj: dict, override: str | None, candidates: tuple[str, ...]) -> tuple[str | None, Any]:
    if override is not None:
        return (override, obj.get(override)) if override in obj else (override, None)
    for name in candidates:
        if name in obj and obj[name] not in (None, ""):
            return name, obj[name]
    return None, None


def record_from_object(obj: Any, where: str, fallback_id: str, opts: ReadOptions) -> Record:
    """One JSON object (a JSONL line, a JSON document, a Parquet/CSV row) -> Document or error."""
    if not isinstance(obj, dict):
        return JSONInputError(where, f"expected a JSON object, found {type(obj).__name__}")
    tname, text = _pick(obj, opts.text_field, TEXT_FIELDS)
    if text is not None and not isinstance(text, str):
        return JSONInputError(where, f"field {tname!r}: expected a string, found {type(text).__name__}")
    if text is None or not text.strip():
        want = opts.text_field or "/".join(TEXT_FIELDS)
        return EmptyInputError(where, f"no text: expected a non-empty string field {want}")
    bad = _lone_surrogate(obj)
    if bad:
        return EncodingInputError(where, bad)
    if opts.dct is not None:
        dct = opts.dct
    else:
        dname, raw = _pick(obj, opts.date_field, DATE_FIELDS)
        if raw is None:
            want = opts.date_field or "/".join(DATE_FIELDS)
            return DateInputError(where, f"no publication date: expected a field {want} (or --dct)")
        dct = normalize_date(raw)
        if dct is None:
            return DateInputError(where, f"field {dname!r}: expected a date YYYY-MM-DD or a datetime, found {raw!r}")
    iname, raw_id = _pick(obj, opts.id_field, ID_FIELDS)
    if raw_id not in (None, "") and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, float))):
        return JSONInputError(where, f"field {iname!r}: expected a string or a number as the id, "
                                     f"found {type(raw_id).__name__}")
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    meta = {k: v for k, v in obj.items()
            if k not in (tname, iname) and isinstance(v, (str, int, float, bool)) and k != "text"
            and (not isinstance(v, str) or len(v) < 2000)}
    meta["source"] = where.rsplit(":", 1)[0] if ":" in where else where
    return Document(id=doc_id, text=text, dct=dct, meta=meta)


def _lone_surrogate(obj: Any, field: str = "") -> str | None:
    """What is wrong if a JSON value holds a lone surrogate (legal JSON: "\\ud800", not Unicode), else None."""
    if isinstance(obj, str):
        try:
            obj.encode("utf-8")
        except UnicodeEncodeError as e:
            return (f"field {field or 'value'!r}: lone surrogate \\u{ord(obj[e.start]):04x} at character {e.start}; "
                    "expected valid Unicode")
        return None
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for k, v in items:
        bad = _lone_surrogate(k, field) if isinstance(k, str) else None
        bad = bad or _lone_surrogate(v, field or str(k))
        if bad:
            return bad
    return None


def _jsonl_record(line: str, where: str, n: int, opts: ReadOptions) -> Record:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return JSONInputError(where, f"malformed JSON ({e.msg} at column {e.colno}); expected one JSON object per line")
    return record_from_object(obj, where, str(n), opts)


def read_jsonl_lines(lines: Iterable[str], name: str, opts: ReadOptions) -> Iterator[Record]:
    seen = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen += 1
        yield _jsonl_record(line, f"{name}:{n}", n, opts)
    if seen == 0:
        yield EmptyInputError(name, "empty file; expected one JSON object per line")


def read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[Record]:
    """Stream a JSONL file line by line (memory stays flat); a bad line names its line number."""
    name = str(path)
    try:
        f = open(path, "rb")
    except OSError as e:
        yield InputError(name, f"cannot read: {e.strerror or e}")
        return
    with f:
        if b"\x00" in f.read(65536):
            yield EncodingInputError(name, "binary data (NUL bytes); expected UTF-8 JSON lines")
            return
        f.seek(0)
        seen = 0
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            seen += 1
            where = f"{name}:{n}"
            if len(raw) > opts.max_bytes:
                yield SizeInputError(where, f"{len(raw):,} bytes on one line; the limit is {opts.max_bytes:,}")
                continue
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as e:
                yield EncodingInputError(where, f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})")
                continue
            yield _jsonl_record(line, where, n, opts)
        if seen == 0:
            yield EmptyInputError(name, "empty file; expected one JSON object per line")


def read_json_text(text: str, name: str, opts: ReadOptions) -> Iterator[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield JSONInputError(f"{name}:{e.lineno}", f"malformed JSON ({e.msg}); expected an object or a list of objects")
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items, 1):
        yield record_from_object(obj, f"{name}[{i}]" if isinstance(data, list) else name, str(i), opts)


def _looks_like_jsonl(text: str) -> bool:
    head = text.lstrip()[:1]
    if head != "{":
        return False
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return True   # a JSONL file with a broken first line is still JSONL


def read_bytes(data: bytes, name: str, opts: ReadOptions, doc_id: str | None = None) -> Iterator[Record]:
    """Sniff and read the content of one text-like input (a file or stdin)."""
    if len(data) > opts.max_bytes:
        yield SizeInputError(name, f"{len(data):,} bytes; the limit for one file is {opts.max_bytes:,}")
        return
    if not data.strip():
        yield EmptyInputError(name, "empty file; expected an article (first line 'date YYYY-MM-DD', or --dct) or JSONL")
        return
    try:
        text = decode(data, name)
    except InputError as e:
        yield e
        return
    lower = name.lower()
    if lower.endswith(".json"):
        yield from read_json_text(text, name, opts)
    elif lower.endswith((".jsonl", ".ndjson")) or _looks_like_jsonl(text):
        yield from read_jsonl_lines(text.splitlines(), name, opts)
    else:
        yield from read_text(text, name, doc_id or Path(name).stem, opts)


def read_path(path: Path, opts: ReadOptions) -> Iterator[Record]:
    name = str(path)
    lower = name.lower()
    from . import crawl   # HTML, WARC, Parquet, CSV
    reader = crawl.reader_for(lower)
    if reader is not None:
        yield from reader(path, opts)
        return
    if lower.endswith((".jsonl", ".ndjson")):
        yield from read_jsonl_file(path, opts)
        return
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            yield SizeInputError(name, f"{size:,} bytes; the limit for one file is {opts.max_bytes:,}")
            return
        data = path.read_bytes()
    except OSError as e:
        yield InputError(name, f"cannot read: {e.strerror or e}")
        return
    yield from read_bytes(data, name, opts, doc_id=getattr(path, "doc_id", None))


class WalkedPath(type(Path())):        # type: ignore[misc]
    """A file found inside a directory argument. Its ``doc_id`` (the id of a text file) is its path
    below that directory without the suffix ("a/story" for DIR/a/story.txt), so two files with the
    same name in different folders get different ids."""
    doc_id: str | None = None


def iter_paths(inputs: Iterable[str]) -> Iterator[str | Path | InputError]:
    """Every input path in order: ``"-"``, a ``Path``, or an ``EmptyInputError`` for what a directory
    holds that is not a regular file (a FIFO would block the run for ever; sockets, devices)."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        p = Path(item)
        if not p.is_dir():
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.startswith("."):
                    continue
                full = WalkedPath(root, f)
                try:
                    special = not stat.S_ISREG(os.stat(full).st_mode)
                except OSError:
                    special = False            # a broken link: reading it says why
                if special:
                    yield EmptyInputError(str(full), "not a regular file (a FIFO, socket or device); skipped")
                    continue
                rel = full.relative_to(p)
                full.doc_id = str(rel.with_suffix("")) if len(rel.parts) > 1 else None
                yield full


def read_inputs(inputs: Iterable[str], opts: ReadOptions | None = None) -> Iterator[Record]:
    """Every record of every input, in order: Documents, and InputErrors for what could not be read."""
    opts = opts or ReadOptions()
    for p in iter_paths(inputs):
        if isinstance(p, InputError):
            yield p
        elif p == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", opts, doc_id="stdin")
        elif not p.exists():
            yield InputError(str(p), "no such file or directory")
        else:
            yield from read_path(p, opts)
