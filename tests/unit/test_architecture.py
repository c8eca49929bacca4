"""Import direction and purity of the core (STYLE.md §2): model <- grammar <- stages <- pipeline <- edges.

The core never calls the clock, opens files outside resources/, or touches the network.
"""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "src" / "dateline"
LAYERS = {"model": 0, "grammar": 1, "learn": 1, "stages": 2, "pipeline": 3, "story": 4}
EDGES = {"io", "store", "api", "cli", "runners", "eval"}
CORE = ["model", "grammar", "learn", "stages", "pipeline.py", "story"]


def _modules(part):
    p = PKG / part
    return [p] if p.is_file() else sorted(p.rglob("*.py"))


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                rel = path.relative_to(PKG).parts[:-1]
                base = list(rel[: len(rel) - (node.level - 1)]) if node.level > 1 else list(rel)
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.startswith("dateline"):
                target = node.module.split(".")[1:]
            else:
                continue
            yield target[0] if target else "", node.lineno
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("dateline."):
                    yield a.name.split(".")[1], node.lineno


def _layer(part):
    return part.removesuffix(".py")


@pytest.mark.parametrize("part", CORE)
def test_core_imports_point_inward(part):
    own = LAYERS[_layer(part)]
    for path in _modules(part):
        for target, line in _imports(path):
            target = target.removesuffix(".py")
            assert target not in EDGES, f"{path.name}:{line} imports the edge {target}"
            if target in LAYERS:
                assert LAYERS[target] <= own, f"{path.name}:{line}: {part} must not import {target}"


FORBIDDEN = ("datetime.now", "date.today", "datetime.today", "time.time(", "urlopen", "requests.", "socket.",
             "http.client", "open(")


@pytest.mark.parametrize("part", CORE)
def test_core_is_pure(part):
    for path in _modules(part):
        src = path.read_text(encoding="utf-8")
        for word in FORBIDDEN:
            if word == "open(" and path.name in ("loader.py", "regex.py"):
                continue      # the resource loader reads resources/ only; regex.py keeps compiled patterns
            assert word not in src, f"{path.relative_to(PKG)} uses {word}"
