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


def test_unknown_spec_kind_fails_at_load(tmp_path):
    root = _with_rule(tmp_path, '- name: date_typo_kind\n  type: DATE\n  match: "{weekday_full} next"\n'
                                '  spec: {kind: weekdya, weekday: "{weekday_full}"}\n'
                                '  examples: [["It opens Friday next.", "Friday next", "2024-03-08"]]\n')
    with pytest.raises(ResourceError, match=r"rules/date\.yaml.*date_typo_kind.*unknown kind 'weekdya'"):
        Pipeline(["segment", "timex_extract"], Settings(resources=root))


def test_rule_no_trigger_can_call_fails_at_load(tmp_path):
    root = _with_rule(tmp_path, '- name: date_never_fires\n  type: DATE\n  match: "fortnightish"\n'
                                '  value: "PRESENT_REF"\n'
                                '  examples: [["It happened fortnightish.", "fortnightish", "PRESENT_REF"]]\n')
    with pytest.raises(ResourceError, match=r"rules/date\.yaml.*date_never_fires.*can never fire"):
        Pipeline(["segment", "timex_extract"], Settings(resources=root))
