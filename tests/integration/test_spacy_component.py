"""The spaCy component on a blank English pipeline (no model download): the README's example runs
as written and prints what its comments say; the publication date comes from the Doc, the call or
the config, never the clock; entities of earlier components are kept."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is the optional extra dateline[spacy] (in the dev extra)")

from dateline.errors import MissingDCTError  # noqa: E402

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- spacy-example[^>]*-->\s*```python\n(.*?)```", text, re.S)
    assert m, "README.md has no spaCy example block"
    return m.group(1)


def test_the_readme_example_runs_and_prints_what_it_says():
    code = readme_example()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md (spaCy example)", "exec"), {})
    printed = out.getvalue().splitlines()
    # every "print(...)  # expected" comment and every "# expected" line after a print
    expected = []
    for line in code.splitlines():
        if line.startswith("print(") and "#" in line:
            expected.append(line.split("#", 1)[1].strip())
        elif line.startswith("# ") and expected is not None and line[2:3] in "[W'A0123456789":
            expected.append(line[2:].strip())
    assert printed == expected


def test_factory_is_registered_without_an_import():
    assert "dateline" in spacy.registry.factories.get_all() or spacy.blank("en").add_pipe("dateline")


def test_no_date_no_guess():
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline")
    with pytest.raises(MissingDCTError):
        nlp("The council voted on Tuesday.")
    doc = nlp("The council voted on Tuesday.", component_cfg={"dateline": {"dct": "2024-03-08"}})
    assert doc._.dct == "2024-03-08" and doc._.timexes[0]._.value == "2024-03-05"


def test_spans_records_and_existing_entities():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "FAC", "pattern": "Harbor Bridge"}, {"label": "CUSTOM", "pattern": "Tuesday"}])
    nlp.add_pipe("dateline", config={"dct": "2024-03-08"})
    doc = nlp('The Harbor Bridge closed on Tuesday. "It will reopen in May," Dana Reyes said on Wednesday.')
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Harbor Bridge", "FAC") in ents and ("Tuesday", "CUSTOM") in ents   # earlier entities kept
    assert ("Dana Reyes", "PERSON") in ents and ("Wednesday", "DATE") in ents  # dateline's where free
    values = {t.text: t._.value for t in doc._.timexes}
    assert values["Tuesday"] == "2024-03-05" and values["Wednesday"] == "2024-03-06"
    q = doc._.quotes[0]
    assert q.text.startswith("It will reopen in May") and q._.speaker.text == "Dana Reyes"
    assert q._.quote_kind == "direct" and q._.said_on == "2024-03-06" and q._.dateline.id == "q1"
    assert doc._.dateline.to_dict()["dct"] == "2024-03-08"
    assert all(e._.value for e in doc._.events)
    assert [d._.dct for d in nlp.pipe(["On Friday it rained."] * 2)] == ["2024-03-08"] * 2
