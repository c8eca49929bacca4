"""Mistakes in the rule files fail when the grammar loads, naming the rule and its file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dateline import Pipeline, Settings
from dateline.errors import ResourceError

RESOURCES = Path(__file__).resolve().parents[2] / "src" / "dateline" / "resources"


def _with_rule(tmp_path: Path, rule_yaml: str) -> str:
    root = tmp_path / "resources"
    shutil.copytree(RESOURCES, root)
    date = root / "en" / "rules" / "date.yaml"
    date.write_text(date.read_text(encoding="utf-8") + "\n" + rule_yaml, encoding="utf-8")
    return str(root)


BAD_RULES = [
    ('- name: date_typo_kind\n  type: DATE\n  match: "{weekday_full} next"\n'
     '  spec: {kind: weekdya, weekday: "{weekday_full}"}\n'
     '  examples: [["It opens Friday next.", "Friday next", "2024-03-08"]]\n',
     r"rules/date\.yaml.*date_typo_kind.*unknown kind 'weekdya'"),
    ('- name: date_never_fires\n  type: DATE\n  match: "fortnightish"\n  value: "PRESENT_REF"\n'
     '  examples: [["It happened fortnightish.", "fortnightish", "PRESENT_REF"]]\n',
     r"rules/date\.yaml.*date_never_fires.*can never fire"),
]


@pytest.mark.parametrize("rule_yaml,message", BAD_RULES, ids=["unknown-kind", "unreachable"])
def test_a_bad_rule_fails_at_load_naming_rule_and_file(tmp_path, rule_yaml, message):
    with pytest.raises(ResourceError, match=message):
        Pipeline(["segment", "timex_extract"], Settings(resources=_with_rule(tmp_path, rule_yaml)))
