"""Document <-> JSON-ready dict, following the public contract (schema_version 1).

The JSON Schema of this contract ships in ``dateline/resources/schema/document.schema.json``.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

from .records import Document, Entity, Event, Mention, Quote, Span, TimelineEntry, Timex

SCHEMA_VERSION = 1


def _span(s: Span | None) -> dict | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def timex_to_dict(t: Timex) -> dict:
    d: dict[str, Any] = {"id": t.id, "start": t.start, "end": t.end, "text": t.text,
                         "type": t.type, "value": t.value}
    if t.mod:
        d["mod"] = t.mod
    if t.quant:
        d["quant"] = t.quant
    if t.freq:
        d["freq"] = t.freq
    d["anchor"] = t.anchor
    if t.rule:
        d["rule"] = t.rule
    return d


def entity_to_dict(e: Entity, mentions: dict[str, Mention]) -> dict:
    ms = [mentions[m] for m in e.mentions if m in mentions]
    return {"id": e.id, "name": e.name, "type": e.label,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "kind": m.kind} for m in ms],
            "attributes": dict(e.attributes)}


def quote_to_dict(q: Quote) -> dict:
    return {"id": q.id, "kind": q.kind, "spans": [[a, b] for a, b in q.spans], "text": q.text,
            "speaker": _span(q.speaker), "speaker_entity": q.speaker_entity,
            "speaker_name": q.speaker_name, "cue": _span(q.cue), "medium": q.medium,
            "said_on": q.said_on, **({"rule": q.rule} if q.rule else {})}


def event_to_dict(e: Event) -> dict:
    return {"id": e.id, "start": e.start, "end": e.end, "text": e.text, "date": e.date,
            "timex": e.timex, "actors": list(e.actors), "trigger": e.trigger}


def to_dict(doc: Document) -> dict[str, Any]:
    """A document as the JSON contract's dict (``schema_version``, ``id``, ``dct``, ``text``, ...)."""
    mentions = {m.id: m for m in doc.mentions}
    d = {
        "schema_version": SCHEMA_VERSION,
        "id": doc.id,
        "dct": doc.dct,
        "text": doc.text,
        "meta": dict(doc.meta),
        "timexes": [timex_to_dict(t) for t in doc.timexes],
        "entities": [entity_to_dict(e, mentions) for e in doc.entities],
        "quotes": [quote_to_dict(q) for q in doc.quotes],
        "events": [event_to_dict(e) for e in doc.events],
        "timeline": [{"date": t.date, "events": list(t.events), "quotes": list(t.quotes)}
                     for t in doc.timeline],
    }
    if doc.warnings:
        d["warnings"] = list(doc.warnings)
    return d


def to_json(doc: Document, indent: int | None = None) -> str:
    """``to_dict(doc)`` as JSON text; non-ASCII characters are kept as they are."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent)


def _span_from(d: dict | None) -> Span | None:
    return None if d is None else Span(d["start"], d["end"], d["text"])


def from_dict(d: Mapping[str, Any]) -> Document:
    """Rebuild a Document from ``to_dict`` output (sentences and tokens are not part of the contract)."""
    timexes = tuple(Timex(id=t["id"], start=t["start"], end=t["end"], text=t["text"], type=t["type"],
                          value=t["value"], mod=t.get("mod"), anchor=t.get("anchor"),
                          rule=t.get("rule", ""), quant=t.get("quant"), freq=t.get("freq"))
                    for t in d.get("timexes", ()))
    mentions: list[Mention] = []
    entities: list[Entity] = []
    for e in d.get("entities", ()):
        ids = []
        for m in e.get("mentions", ()):
            mid = f"m{len(mentions) + 1}"
            mentions.append(Mention(mid, m["start"], m["end"], m["text"], e["type"],
                                    m.get("kind", "name"), e["id"]))
            ids.append(mid)
        entities.append(Entity(e["id"], e["type"], e["name"], tuple(ids), dict(e.get("attributes", {}))))
    mentions.sort(key=lambda m: (m.start, m.end))
    quotes = tuple(Quote(id=q["id"], kind=q["kind"], spans=tuple((a, b) for a, b in q["spans"]),
                         text=q["text"], speaker=_span_from(q.get("speaker")),
                         speaker_entity=q.get("speaker_entity"), speaker_name=q.get("speaker_name"),
                         cue=_span_from(q.get("cue")), medium=q.get("medium"),
                         said_on=q.get("said_on"), rule=q.get("rule", ""))
                   for q in d.get("quotes", ()))
    events = tuple(Event(e["id"], e["start"], e["end"], e["text"], e["date"], e.get("timex"),
                         tuple(e.get("actors", ())), e.get("trigger")) for e in d.get("events", ()))
    timeline = tuple(TimelineEntry(t["date"], tuple(t.get("events", ())), tuple(t.get("quotes", ())))
                     for t in d.get("timeline", ()))
    return Document(id=str(d["id"]), text=d["text"], dct=d["dct"], meta=dict(d.get("meta", {})),
                    timexes=timexes, mentions=tuple(mentions), entities=tuple(entities), quotes=quotes,
                    events=events, timeline=timeline, warnings=tuple(d.get("warnings", ())))
