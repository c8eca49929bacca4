"""The public Python API: text + dct into Pipeline and process, JSON out of Document, the examples
in the docstrings, py.typed with mypy --strict on a user script, and the API reference build."""
from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dateline
from dateline import Document, Pipeline
from dateline.errors import InputError, MissingDCTError

ROOT = Path(__file__).resolve().parents[2]
TEXT = '"We will rebuild the bridge," Mayor Ana Lopez said on Monday. The council voted on Tuesday.'


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline()


def test_pipeline_takes_a_text_and_its_date(nlp):
    doc = nlp(TEXT, dct="2024-03-08", id="a1", meta={"outlet": "Gazette"})
    assert isinstance(doc, Document) and doc.id == "a1" and doc.meta == {"outlet": "Gazette"}
    assert [(t.text, t.value) for t in doc.timexes] == [("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")]
    assert [(q.speaker_name, q.said_on) for q in doc.quotes] == [("Ana Lopez", "2024-03-04")]
    # the same as building the Document by hand, and as the one-line helper
    by_hand = nlp(Document(id="a1", text=TEXT, dct="2024-03-08", meta={"outlet": "Gazette"}))
    assert by_hand == doc
    assert dateline.process(TEXT, dct="2024-03-08", id="a1", meta={"outlet": "Gazette"}) == doc


@pytest.mark.parametrize("call, error, words", [
    (lambda nlp: nlp(TEXT), MissingDCTError, "publication date"),
    (lambda nlp: nlp(TEXT, dct="08/03/2024"), MissingDCTError, "YYYY-MM-DD"),
    (lambda nlp: nlp(TEXT, dct=20240308), MissingDCTError, "found int"),
    (lambda nlp: nlp(b"bytes", dct="2024-03-08"), InputError, "found bytes"),
    (lambda nlp: nlp(Document(id="d", text=TEXT, dct="2024-03-08"), dct="2024-03-09"), InputError, "inside the Document"),
])
def test_wrong_calls_say_what_was_expected(nlp, call, error, words):
    with pytest.raises(error, match=words):
        call(nlp)


def test_document_json_round_trip(nlp):
    doc = nlp(TEXT, dct="2024-03-08")
    data = doc.to_dict()
    assert data["schema_version"] == 1 and data["dct"] == "2024-03-08"
    assert json.loads(doc.to_json()) == data and json.loads(doc.to_json(indent=2)) == data
    again = Document.from_dict(json.loads(doc.to_json()))
    assert again.to_dict() == data
    assert again.quotes == doc.quotes and [t.value for t in again.timexes] == [t.value for t in doc.timexes]
    assert "“" in Document(id="u", text="“Ja”", dct="2024-03-08").to_json()      # not \u-escaped


def test_the_readme_example_runs():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- python-example[^>]*-->\s*```python\n(.*?)```", text, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md (Python API)", "exec"), {})
    wanted = [line.split("# ", 1)[1] for line in block.splitlines() if line.startswith("print(") and "# " in line]
    wanted.insert(0, next(line[2:] for line in block.splitlines() if line.startswith("# Ana")))
    assert out.getvalue().splitlines() == wanted


@pytest.mark.parametrize("name", ["dateline", "dateline.pipeline"])
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_public_names_are_documented():
    for name in dateline.__all__:
        obj = getattr(dateline, name)
        if name != "__version__":
            assert (obj.__doc__ or "").strip(), f"dateline.{name} has no docstring"
    for meth in (Pipeline.__call__, Pipeline.pipe, Document.to_dict, Document.to_json, Document.from_dict):
        assert (meth.__doc__ or "").strip(), meth


def test_py_typed_ships_with_the_package():
    assert (Path(dateline.__file__).parent / "py.typed").is_file()
    text = (ROOT / "pyproject.toml").read_text()
    assert '"py.typed"' in text


def test_mypy_strict_on_a_user_script(tmp_path):
    pytest.importorskip("mypy", reason="mypy is in the dev extra")
    script = ROOT / "tests" / "typing" / "user_script.py"
    res = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                          "--cache-dir", str(tmp_path / "cache"), str(script)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "Ana Lopez" in run.stdout and "DL101" not in run.stdout, run.stderr


def test_api_reference_builds(tmp_path):
    """The reference made by ``make apidocs`` (pdoc, offline): one page per public module."""
    pytest.importorskip("pdoc", reason="pdoc is in the dev extra")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_apidocs
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = build_apidocs.build(tmp_path / "api")
    index = (out / "dateline.html").read_text(encoding="utf-8")
    for name in ("Pipeline", "process", "Document", "to_json", "from_dict"):
        assert name in index
    assert (out / "dateline" / "integrations" / "spacy.html").is_file()
    assert (out / "dateline" / "api" / "models.html").is_file()
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "https://cdn" not in pages and "<script src=\"http" not in pages
