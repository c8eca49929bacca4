"""Every stage is registered here, in one explicit place."""
from . import registry
from . import segment, timex_extract, timex_anchor, entities, quotes, events, timeline  # noqa: F401

REGISTRY = registry.REGISTRY
stage = registry.stage

__all__ = ["REGISTRY", "stage"]
