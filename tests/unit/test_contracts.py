"""Stage contracts hold: requires/assigns name real Document fields, a missing input is a clear error at
pipeline build, and each stage reads only what it requires and writes only what it assigns."""
from __future__ import annotations

import re
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from dateline import Document, Pipeline, Settings
from dateline.errors import PipelineOrderError, StageContractError
from dateline.grammar import load_resources
from dateline.pipeline import BASE_FIELDS
from dateline.settings import DEFAULT_STAGES
from dateline.stages.registry import all_stages, stage

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "samples" / "sample-article.txt").read_text(encoding="utf-8")
FIELDS = frozenset(f.name for f in fields(Document))
IDENTITY = frozenset({"id", "text", "dct", "meta"})        # every stage may read the record itself


def _sample() -> Document:
    m = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s*", SAMPLE)
    return Document(id="sample", text=SAMPLE[m.end():], dct=m.group(1))


def test_every_stage_names_only_document_fields():
    for info in all_stages().values():
        assert info.requires | info.assigns <= FIELDS, info.name


def test_a_contract_naming_no_field_fails_at_registration():
    with pytest.raises(StageContractError, match="timex_values"):
        stage("bad_stage", requires={"timex_values"}, assigns={"quotes"})


def _prefix_without(target: str, field: str) -> list[str]:
    """The default stages before ``target`` that can still run when nothing assigns ``field``."""
    infos = all_stages()
    have, out = set(BASE_FIELDS), []
    for name in DEFAULT_STAGES[:DEFAULT_STAGES.index(target)]:
        info = infos[name]
        if field in info.assigns or not info.requires <= have:
            continue
        out.append(name)
        have |= info.assigns
    return out


@pytest.mark.parametrize("name,field", [(n, f) for n in DEFAULT_STAGES
                                        for f in sorted(all_stages()[n].requires - BASE_FIELDS)])
def test_each_declared_input_removed_is_a_clear_error(name, field):
    with pytest.raises(PipelineOrderError) as err:
        Pipeline(_prefix_without(name, field) + [name], Settings())
    assert name in str(err.value) and field in str(err.value) and "missing" in str(err.value)


class _Spy(Document):
    """A Document that records which fields stage code reads (not dataclasses.replace copying them)."""
    __slots__ = ()
    reads: set = set()

    def __getattribute__(self, key):
        if key in FIELDS and not sys._getframe(1).f_code.co_filename.endswith("dataclasses.py"):
            _Spy.reads.add(key)
        return object.__getattribute__(self, key)


def _stage_runs():
    """(name, info, the stage function, the document it gets) along the default pipeline."""
    res = load_resources("en")
    infos = all_stages()
    doc = _sample()
    for name in DEFAULT_STAGES:
        fn = infos[name].factory(Settings(), res)
        yield name, infos[name], fn, doc
        doc = fn(doc)


def test_each_stage_writes_only_what_it_assigns():
    for name, info, fn, doc in _stage_runs():
        out = fn(doc)
        changed = {f for f in FIELDS if getattr(out, f) != getattr(doc, f)}
        assert changed <= info.assigns, f"{name} wrote {sorted(changed - info.assigns)} undeclared"
        assert changed, f"{name} changed nothing on the sample article"


def test_each_stage_reads_only_what_it_requires():
    for name, info, fn, doc in _stage_runs():
        spy = _Spy(**{f.name: getattr(doc, f.name) for f in fields(Document)})
        _Spy.reads = set()
        fn(spy)
        assert _Spy.reads, f"the spy saw {name} read nothing"
        undeclared = _Spy.reads - info.requires - info.assigns - IDENTITY
        assert not undeclared, f"{name} reads {sorted(undeclared)} without requiring it"
