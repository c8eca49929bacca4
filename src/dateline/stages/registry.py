"""The stage registry: each stage is a factory registered with what it requires and assigns.

A factory takes ``(settings, resources)`` and returns a pure ``Document -> Document`` callable.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..errors import UnknownStageError
from ..model import Document

StageFn = Callable[[Document], Document]


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[..., StageFn]
    requires: frozenset[str]
    assigns: frozenset[str]


REGISTRY: dict[str, StageInfo] = {}


def stage(name: str, *, requires: set[str] | frozenset[str] = frozenset(),
          assigns: set[str] | frozenset[str] = frozenset()):
    def deco(factory):
        REGISTRY[name] = StageInfo(name, factory, frozenset(requires), frozenset(assigns))
        return factory
    return deco


def get_stage(name: str) -> StageInfo:
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownStageError(f"no stage {name!r}; known: {sorted(REGISTRY)}") from None
