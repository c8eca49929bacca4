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
    eids = {ei: f"ent{rank + 1}" for ei, rank in order.items()}
    eids[None] = None
    ent_mentions: dict[int, list[str]] = {ei: [] for ei in order}
    otext = w.otext
    for i, m in enumerate(w.mentions, 1):
        mid = f"m{i}"
        out_m.append(Mention(mid, m[0], m[1], otext[m[0]:m[1]], m[2], m[3], eids[m[ENT]]))
        if m[ENT] is not None:
            ent_mentions[m[ENT]].append(mid)
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
    # each distinct form once (max keeps the first of equals): an entity named a thousand times costs one test
    best = names[0] if len(names) == 1 else max(dict.fromkeys(names), key=lambda n: (len(n.split()), len(n)))
    return _SPACES.sub(" ", best)
