"""Parquet output: the Arrow schema of a processed Document, and a streaming writer.

One row per document. The columns mirror ``model.serialize.to_dict`` one to one (same names, same
nesting), so DuckDB, Spark or pandas query the file directly::

    schema_version  int32
    id, dct, text   string
    meta            map<string, string>        # non-string values are JSON-encoded (3 -> "3", true -> "true")
    timexes         list<struct<id, start, end, text, type, value, mod, quant, freq, anchor, rule>>
    entities        list<struct<id, name, type, mentions: list<struct<start, end, text, kind>>,
                                attributes: map<string, string>>>
    quotes          list<struct<id, kind, spans: list<list<int64>>, text,
                                speaker: struct<start, end, text>, speaker_entity, speaker_name,
                                cue: struct<start, end, text>, medium, said_on, rule>>
    events          list<struct<id, start, end, text, date, timex, actors: list<string>, trigger>>
    timeline        list<struct<date, events: list<string>, quotes: list<string>>>
    warnings        list<string>

Offsets (``start``/``end``) are int64 character offsets into ``text``; every other scalar is a
string. A field ``to_dict`` leaves out (``mod``, ``rule`` ...) is null. ``SCHEMA_VERSION`` is the
one of ``model.serialize``.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Document, to_dict

_s, _i = pa.string(), pa.int64()
SPAN = pa.struct([("start", _i), ("end", _i), ("text", _s)])
TIMEX = pa.struct([("id", _s), ("start", _i), ("end", _i), ("text", _s), ("type", _s), ("value", _s),
                   ("mod", _s), ("quant", _s), ("freq", _s), ("anchor", _s), ("rule", _s)])
MENTION = pa.struct([("start", _i), ("end", _i), ("text", _s), ("kind", _s)])
ENTITY = pa.struct([("id", _s), ("name", _s), ("type", _s), ("mentions", pa.list_(MENTION)),
                    ("attributes", pa.map_(_s, _s))])
QUOTE = pa.struct([("id", _s), ("kind", _s), ("spans", pa.list_(pa.list_(_i))), ("text", _s),
                   ("speaker", SPAN), ("speaker_entity", _s), ("speaker_name", _s), ("cue", SPAN),
                   ("medium", _s), ("said_on", _s), ("rule", _s)])
EVENT = pa.struct([("id", _s), ("start", _i), ("end", _i), ("text", _s), ("date", _s), ("timex", _s),
                   ("actors", pa.list_(_s)), ("trigger", _s)])
TIMELINE = pa.struct([("date", _s), ("events", pa.list_(_s)), ("quotes", pa.list_(_s))])

SCHEMA = pa.schema([
    ("schema_version", pa.int32()), ("id", _s), ("dct", _s), ("text", _s), ("meta", pa.map_(_s, _s)),
    ("timexes", pa.list_(TIMEX)), ("entities", pa.list_(ENTITY)), ("quotes", pa.list_(QUOTE)),
    ("events", pa.list_(EVENT)), ("timeline", pa.list_(TIMELINE)), ("warnings", pa.list_(_s)),
])
COMPRESSION = "zstd"


def _str_map(m: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in m.items()]


def _fill(d: dict, struct: pa.StructType) -> dict:
    """Every field of the struct present (null when to_dict left it out), nested structs recursed."""
    out = {}
    for f in struct:
        v = d.get(f.name)
        if v is not None and pa.types.is_map(f.type):
            v = _str_map(v)
        elif v is not None and pa.types.is_list(f.type) and pa.types.is_struct(f.type.value_type):
            v = [_fill(x, f.type.value_type) for x in v]
        out[f.name] = v
    return out


def row_from_dict(d: dict) -> dict:
    """A ``to_dict`` result -> a row matching ``SCHEMA``."""
    row = {"schema_version": d["schema_version"], "id": d["id"], "dct": d["dct"], "text": d["text"],
           "meta": _str_map(d.get("meta", {})), "warnings": d.get("warnings", [])}
    for name, struct in (("timexes", TIMEX), ("entities", ENTITY), ("quotes", QUOTE), ("events", EVENT),
                         ("timeline", TIMELINE)):
        row[name] = [_fill(x, struct) for x in d.get(name, [])]
    return row


def table_from_dicts(dicts: Iterable[dict]) -> pa.Table:
    return pa.Table.from_pylist([row_from_dict(d) for d in dicts], schema=SCHEMA)


def table_from_docs(docs: Iterable[Document]) -> pa.Table:
    return table_from_dicts(to_dict(d) for d in docs)


def write_table(table: pa.Table, path) -> None:
    pq.write_table(table, path, compression=COMPRESSION)


class ParquetOut:
    """Streams tables (row groups) into one Parquet file with ``SCHEMA``."""

    def __init__(self, path):
        self._w = pq.ParquetWriter(path, SCHEMA, compression=COMPRESSION)

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self._w.write_table(table)

    def close(self) -> None:
        self._w.close()
