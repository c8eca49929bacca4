"""Fast, cached reads of the YAML rule files (libyaml's C loader when PyYAML has it).

Same files and same results as ``Resources.rules`` / ``Resources.data``; only quicker, which matters for a
command that starts, tags a folder and exits.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ResourceError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=64)
def _load(path: str) -> Any:
    p = Path(path)
    if not p.is_file():
        raise ResourceError(f"expected {p}, found nothing")
    return yaml.load(p.read_text(encoding="utf-8"), Loader=_Loader)


def rules(res, name: str) -> list[dict[str, Any]]:
    data = _load(str(res.root / "rules" / f"{name}.yaml")) or []
    if not isinstance(data, list):
        raise ResourceError(f"rules/{name}.yaml: expected a list of rules, found {type(data).__name__}")
    return data


def data(res, name: str) -> Any:
    return _load(str(res.root / "rules" / f"{name}.yaml"))
