"""The stages. ``registry.MODULES`` lists every one; a stage module is imported when first used."""
from . import registry

REGISTRY = registry.REGISTRY
stage = registry.stage
get_stage = registry.get_stage
all_stages = registry.all_stages

__all__ = ["REGISTRY", "stage", "get_stage", "all_stages"]
