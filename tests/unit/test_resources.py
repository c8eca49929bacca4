"""Data integrity of the shipped resources (after dateparser's data-integrity test): every lexicon
loads with one norm per surface, every rule file parses, rule names are unique, and the package data
is declared so that a wheel carries it."""
import tomllib
from pathlib import Path

import pytest

from dateline.grammar.loader import Resources, resource_root

RES = Resources("en")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", RES.lexicon_names())
def test_lexicon_loads(name):
    table = RES.lexicon(name)          # raises ResourceError on a surface with two norms
    assert table, f"{name}.tsv is empty"
    assert all(s == s.strip().lower() and s for s in table), name


@pytest.mark.parametrize("name", RES.rule_names())
def test_rules_parse_and_names_are_unique(name):
    data = RES.data(name)
    assert data is not None, f"{name}.yaml is empty"
    if isinstance(data, list):
        names = [r.get("name") for r in data if isinstance(r, dict) and "name" in r]
        dupes = {n for n in names if names.count(n) > 1}
        assert not dupes, f"{name}.yaml: duplicate rule names {sorted(dupes)}"


def test_package_data_is_declared():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = meta["tool"]["setuptools"]["package-data"]["dateline"]
    assert "resources/**/*" in patterns
    assert (resource_root() / "schema" / "document.schema.json").is_file()
