"""Every stage is registered here, in one explicit place."""
from . import registry
from . import segment, timex_extract, timex_anchor, entities, quotes, events, timeline

REGISTRY = registry.REGISTRY
stage = registry.stage

# the stage modules are imported for their @stage registration
__all__ = ["REGISTRY", "stage", "segment", "timex_extract", "timex_anchor", "entities", "quotes", "events",
           "timeline"]
