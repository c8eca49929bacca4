"""The accuracy gate: floors logic on small tables, and proof that it fails when the rules get worse."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dateline.eval import gate
from dateline.eval.gate import Floor

ROOT = Path(__file__).resolve().parents[2]
FLOORS = ROOT / "tests" / "eval" / "floors.tsv"
DATA = ROOT.parent / "shared" / "data"
RESOURCES = ROOT / "src" / "dateline" / "resources"


def test_floors_file_names_known_evaluations_and_sits_below_its_measurements():
    floors = gate.read_floors(FLOORS)
    assert floors, "the floors file guards nothing"
    for f in floors:
        assert f.data in gate.EVALUATIONS, f
        assert f.floor <= f.measured, f"{f.data} {f.figure}: floor {f.floor} above the figure {f.measured}"
    keys = [(f.data, f.figure) for f in floors]
    assert len(keys) == len(set(keys)), "a figure is guarded twice"


def test_check_reports_below_missing_and_ok():
    floors = [Floor("a", "x", 50.0, 51.0), Floor("a", "y", 50.0, 51.0), Floor("a", "z", 50.0, 51.0)]
    rows = gate.check(floors, {"a": {"x": 50.0, "y": 49.99}}, ["a"])
    assert [r[2] for r in rows] == ["ok", "BELOW", "MISSING"]


def test_raise_moves_floors_up_never_down():
    floors = [Floor("a", "x", 50.0, 50.3), Floor("a", "y", 50.0, 50.3)]
    out = gate.raised(floors, {"a": {"x": 60.0, "y": 49.0}})
    assert (out[0].floor, out[0].measured) == (59.7, 60.0)
    assert (out[1].floor, out[1].measured) == (50.0, 50.3)


def _copy_resources(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    shutil.copytree(RESOURCES, root)
    return root


def _need_data():
    if not (DATA / "timeml" / "tweets" / "train").is_dir():
        pytest.skip(f"{DATA} is absent: the gate reads the shared evaluation data")


def test_gate_passes_with_the_shipped_rules():
    _need_data()
    assert gate.main(["--only", "tweets", "--floors", str(FLOORS), "--data", str(DATA), "--jobs", "1"]) == 0


def test_gate_fails_when_a_lexicon_loses_words(tmp_path, capsys):
    """A broken copy of one lexicon (the abbreviated month names gone) must drop a figure below its floor."""
    _need_data()
    root = _copy_resources(tmp_path)
    month = root / "en" / "lexicon" / "month.tsv"
    keep = [ln for ln in month.read_text(encoding="utf-8").splitlines()
            if ln.startswith("#") or len(ln.split("\t")[0]) > 3 or ln.startswith("may")]
    month.write_text("\n".join(keep) + "\n", encoding="utf-8")
    code = gate.main(["--only", "tweets", "--floors", str(FLOORS), "--data", str(DATA), "--jobs", "1",
                      "--resources", str(root)])
    assert code == 1
    assert "BELOW" in capsys.readouterr().out


def test_gate_fails_when_a_rule_file_is_removed(tmp_path, capsys):
    _need_data()
    root = _copy_resources(tmp_path)
    (root / "en" / "rules" / "set.yaml").unlink()
    code = gate.main(["--only", "tweets", "--floors", str(FLOORS), "--data", str(DATA), "--jobs", "1",
                      "--resources", str(root)])
    out = capsys.readouterr().out
    assert code == 1 and "evaluation failed" in out and "set" in out
