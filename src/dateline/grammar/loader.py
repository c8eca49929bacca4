"""Load the human-edited data files in ``dateline/resources/<lang>/`` once, cached per language.

- ``lexicon/NAME.tsv``: ``surface<TAB>norm`` lines (``#`` comments; a line without a TAB has norm = surface).
  The surface column may list several surfaces that share the norm, separated by ``|`` (``-`` is an empty
  slot): ``say|says|said|said|saying<TAB>say speech`` is one line per verb.
- ``rules/NAME.yaml``: a list of rule mappings (each with a ``name`` and ``examples``).
- ``pattern(p)`` expands ``{lexicon}`` references into a regex alternation of that lexicon's surfaces
  (longest first) so that rules read like grammar.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ResourceError

_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def resource_root() -> Path:
    return Path(str(importlib_resources.files("dateline") / "resources"))


class Resources:
    def __init__(self, language: str = "en", root: str | None = None):
        self.language = language
        self.root = (Path(root) if root else resource_root()) / language
        if not self.root.is_dir():
            raise ResourceError(f"no resources for language {language!r} at {self.root}")
        self._lex: dict[str, dict[str, str]] = {}
        self._rules: dict[str, list[dict[str, Any]]] = {}

    # -- lexicons ---------------------------------------------------------------------------
    def lexicon(self, name: str) -> dict[str, str]:
        """surface (lower-cased) -> norm."""
        if name not in self._lex:
            table: dict[str, str] = {}
            for n, surfaces, norm in self._lexicon_rows(name):
                for surface in surfaces:
                    if surface == "-":
                        continue
                    value = norm or surface
                    if surface in table and table[surface] != value:
                        raise ResourceError(f"{name}.tsv:{n}: {surface!r} has two norms "
                                            f"({table[surface]!r} and {value!r})")
                    table[surface] = value
            self._lex[name] = table
        return self._lex[name]

    def rows(self, name: str) -> list[tuple[tuple[str, ...], str]]:
        """The lines of a lexicon in file order: (surfaces of the line, ``-`` slots kept; norm)."""
        self.lexicon(name)                          # the same checks
        return [(surfaces, norm or next(s for s in surfaces if s != "-"))
                for _, surfaces, norm in self._lexicon_rows(name)]

    def _lexicon_rows(self, name: str):
        path = self.root / "lexicon" / f"{name}.tsv"
        if not path.is_file():
            raise ResourceError(f"lexicon {name!r}: expected {path}, found nothing")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            field, _, norm = line.partition("\t")
            surfaces = tuple(s.strip().lower() for s in field.split("|"))
            if all(not s or s == "-" for s in surfaces):
                continue
            yield n, tuple(s for s in surfaces if s), norm.strip()

    def words(self, name: str) -> frozenset[str]:
        return frozenset(self.lexicon(name))

    def alternation(self, name: str) -> str:
        """A regex alternation of a lexicon's surfaces, longest first, escaped."""
        surf = sorted(self.lexicon(name), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(s) for s in surf) + ")"

    def pattern(self, pattern: str) -> str:
        """Expand ``{lexicon}`` references; ``{{``/``}}`` and regex quantifiers ``{2}`` are kept."""
        def sub(m: re.Match) -> str:
            return self.alternation(m.group(1))
        return _REF.sub(sub, pattern)

    # -- rules --------------------------------------------------------------------------------
    def rules(self, name: str) -> list[dict[str, Any]]:
        if name not in self._rules:
            path = self.root / "rules" / f"{name}.yaml"
            if not path.is_file():
                raise ResourceError(f"rules {name!r}: expected {path}, found nothing")
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if not isinstance(data, list):
                raise ResourceError(f"{path.name}: expected a list of rules, found {type(data).__name__}")
            self._rules[name] = data
        return self._rules[name]

    def data(self, name: str) -> Any:
        """Any other YAML data file in ``rules/`` (a mapping, say)."""
        path = self.root / "rules" / f"{name}.yaml"
        if not path.is_file():
            raise ResourceError(f"data {name!r}: expected {path}, found nothing")
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    def lexicon_names(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "lexicon").glob("*.tsv"))

    def rule_names(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "rules").glob("*.yaml"))


@lru_cache(maxsize=4)
def load_resources(language: str = "en", root: str | None = None) -> Resources:
    """The resources of a language, from the package or from ``root`` (a folder with the same layout)."""
    return Resources(language, root)
