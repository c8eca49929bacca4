"""The stage's records: mentions in text order with ids, entities in order of first mention."""
from __future__ import annotations

import re
from types import MappingProxyType

from ...model import Entity, Mention
from .work import ENT, Work

_SPACES = re.compile(r"\s+")


def records(w: Work) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    order: dict[int, int] = {}
    for m in w.mentions:
        if m[ENT] is not None and m[ENT] not in order:
            order[m[ENT]] = len(order)
    out_m = []
    ent_mentions: dict[int, list[str]] = {}
    for i, m in enumerate(w.mentions, 1):
        eid = f"ent{order[m[ENT]] + 1}" if m[ENT] is not None else None
        out_m.append(Mention(f"m{i}", m[0], m[1], w.otext[m[0]:m[1]], m[2], m[3], eid))
        if m[ENT] is not None:
            ent_mentions.setdefault(m[ENT], []).append(f"m{i}")
    out_e = []
    for ei, rank in sorted(order.items(), key=lambda kv: kv[1]):
        e = w.ents[ei]
        out_e.append(Entity(f"ent{rank + 1}", e.label, _canonical(e.names) if e.names else "",
                            tuple(ent_mentions[ei]), MappingProxyType(_attributes(e))))
    return tuple(out_m), tuple(out_e)


def _attributes(e) -> dict:
    attrs: dict = {}
    if e.label == "PERSON":
        if e.gender:
            attrs["gender"] = e.gender
        if e.age is not None:
            attrs["age"] = e.age
        if e.title:
            attrs["title"] = e.title
        elif e.nouns:
            attrs["title"] = sorted(e.nouns)[0]
    return attrs


def _canonical(names: list[str]) -> str:
    best = max(names, key=lambda n: (len(n.split()), len(n)))
    return _SPACES.sub(" ", best)
