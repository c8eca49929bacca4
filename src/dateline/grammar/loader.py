"""Load the human-edited data files in ``dateline/resources/<lang>/`` once, cached per language.

- ``lexicon/NAME.tsv``: ``surface<TAB>norm`` lines (``#`` comments; a line without a TAB has norm = surface).
  The surface column may list several surfaces that share the norm, separated by ``|`` (``-`` is an empty
  slot): ``say|says|said|said|saying<TAB>say speech`` is one line per verb.
- ``rules/NAME.yaml``: a list of rule mappings (each with a ``name`` and ``examples``).
- ``pattern(p)`` expands ``{lexicon}`` references into a regex alternation of that lexicon's surfaces
  (longest first) so that rules read like grammar.

Parsed files are kept in the on-disk cache of ``grammar/regex.py``, keyed by each file's content (so an edited
file is parsed anew): a start-up reads one cache file instead of parsing YAML and TSV. YAML is parsed with
libyaml's C loader when PyYAML has it (the same results as the pure-Python one, several times faster).
"""
from __future__ import annotations

import marshal
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ResourceError
from . import regex as rx

_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def resource_root() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"     # the package's own folder (no zip imports)


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
            self._lex[name] = _cached("lexicon", self._text("lexicon", name), lambda t: _table(name, t))
        return self._lex[name]

    def rows(self, name: str) -> list[tuple[tuple[str, ...], str]]:
        """The lines of a lexicon in file order: (surfaces of the line, ``-`` slots kept; norm)."""
        self.lexicon(name)                          # the same checks
        return [(surfaces, norm or next(s for s in surfaces if s != "-"))
                for _, surfaces, norm in _rows(self._text("lexicon", name))]

    def _text(self, what: str, name: str) -> str:
        path = self.root / ("lexicon" if what == "lexicon" else "rules") / f"{name}.{'tsv' if what == 'lexicon' else 'yaml'}"
        if not path.is_file():
            raise ResourceError(f"{what} {name!r}: expected {path}, found nothing")
        return path.read_text(encoding="utf-8")

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
            data = self._yaml("rules", name) or []
            if not isinstance(data, list):
                raise ResourceError(f"{name}.yaml: expected a list of rules, found {type(data).__name__}")
            self._rules[name] = data
        return self._rules[name]

    def data(self, name: str) -> Any:
        """Any other YAML data file in ``rules/`` (a mapping, say), a fresh copy for each call."""
        return self._yaml("data", name)

    def _yaml(self, what: str, name: str) -> Any:
        return _cached("yaml", self._text(what, name), _parse_yaml)

    def lexicon_names(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "lexicon").glob("*.tsv"))

    def rule_names(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "rules").glob("*.yaml"))


def _rows(text: str):
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        field, _, norm = line.partition("\t")
        surfaces = tuple(s.strip().lower() for s in field.split("|"))
        if all(not s or s == "-" for s in surfaces):
            continue
        yield n, tuple(s for s in surfaces if s), norm.strip()


def _table(name: str, text: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for n, surfaces, norm in _rows(text):
        for surface in surfaces:
            if surface == "-":
                continue
            value = norm or surface
            if surface in table and table[surface] != value:
                raise ResourceError(f"{name}.tsv:{n}: {surface!r} has two norms "
                                    f"({table[surface]!r} and {value!r})")
            table[surface] = value
    return table


def _parse_yaml(text: str) -> Any:
    import yaml                                  # only when a file is not in the cache: a warm start skips it
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _cached(kind: str, text: str, parse) -> Any:
    """``parse(text)``, through the disk cache (as marshal bytes, so each caller gets its own copy)."""
    def dump() -> bytes | None:
        value = parse(text)
        try:
            return marshal.dumps(value)
        except ValueError:                       # a type marshal cannot write (a YAML date): parse each time
            return None
    blob = rx.memo(kind, text, 0, dump)
    return parse(text) if blob is None else marshal.loads(blob)


@lru_cache(maxsize=4)
def load_resources(language: str = "en", root: str | None = None) -> Resources:
    """The resources of a language, from the package or from ``root`` (a folder with the same layout)."""
    return Resources(language, root)
