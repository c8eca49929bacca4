"""The stage registry: each stage is a factory registered with what it requires and assigns.

A factory takes ``(settings, resources)`` and returns a pure ``Document -> Document`` callable.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, fields
from typing import Callable

from ..errors import StageContractError, UnknownStageError
from ..model import Document

StageFn = Callable[[Document], Document]


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[..., StageFn]
    requires: frozenset[str]
    assigns: frozenset[str]


REGISTRY: dict[str, StageInfo] = {}

# Every stage, in one explicit place: stage name -> the module (under dateline.stages) that registers it.
# A module is imported when its stage is first asked for, so a short pipeline does not load the others.
MODULES: dict[str, str] = {
    "segment": "segment", "timex_extract": "timex_extract", "timex_anchor": "timex_anchor",
    "entities": "entities", "quotes": "quotes", "events": "events", "timeline": "timeline",
}


# the fields a stage may name in requires/assigns: every Document field but the record's identity
DOCUMENT_FIELDS = frozenset(f.name for f in fields(Document)) - {"id", "dct", "meta"}


def stage(name: str, *, requires: set[str] | frozenset[str] = frozenset(),
          assigns: set[str] | frozenset[str] = frozenset()):
    """Register a stage factory with the ``Document`` fields it reads (requires) and writes (assigns)."""
    unknown = (set(requires) | set(assigns)) - DOCUMENT_FIELDS
    if unknown:
        raise StageContractError(f"stage {name!r}: {sorted(unknown)} are not Document fields; "
                                 f"known: {sorted(DOCUMENT_FIELDS)}")

    def deco(factory):
        REGISTRY[name] = StageInfo(name, factory, frozenset(requires), frozenset(assigns))
        return factory
    return deco


def get_stage(name: str) -> StageInfo:
    if name not in REGISTRY and name in MODULES:
        importlib.import_module(f"{__package__}.{MODULES[name]}")
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownStageError(f"no stage {name!r}; known: {sorted(MODULES)}") from None


def all_stages() -> dict[str, StageInfo]:
    """Every stage, each module imported."""
    for name in MODULES:
        get_stage(name)
    return REGISTRY
