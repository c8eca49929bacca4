"""The shared linear model: it learns a separable problem, is deterministic, and round-trips through its file."""
from __future__ import annotations

import random

from dateline.learn import LinearModel, train_perceptron


def _data(n=400, seed=3):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        y = rng.choice(["PER", "ORG", "LOC"])
        cue = {"PER": "first=yes", "ORG": "suffix=inc", "LOC": "gaz=place"}[y]
        noise = [f"w={rng.randrange(50)}" for _ in range(3)]
        out.append(([cue, *noise], y))
    return out


def test_multiclass_learns_and_is_deterministic(tmp_path):
    data = _data()
    m1 = train_perceptron(data, epochs=5, seed=7)
    m2 = train_perceptron(data, epochs=5, seed=7)
    assert all(m1.predict(f) == y for f, y in _data(100, seed=9))
    m1.save(tmp_path / "a.bin")
    m2.save(tmp_path / "b.bin")
    assert (tmp_path / "a.bin").read_bytes() == (tmp_path / "b.bin").read_bytes()


def test_binary_margin_and_round_trip(tmp_path):
    data = [(["cue=said", "left=Name"], "yes") for _ in range(20)] + [(["cue=posted", "left=the"], "no") for _ in range(20)]
    m = train_perceptron(data, classes=["yes"], epochs=3, seed=1, meta={"task": "toy"})
    assert m.scores(["cue=said", "left=Name"])[0] > 0 > m.scores(["cue=posted", "left=the"])[0]
    m.save(tmp_path / "m.bin")
    back = LinearModel.load(tmp_path / "m.bin")
    assert back.classes == ("yes",) and back.meta == {"task": "toy"} and len(back) == len(m)
    for feats in (["cue=said"], ["cue=posted", "unknown"], []):
        assert back.scores(feats) == m.scores(feats)
    assert back.score_of(["cue=said"], "yes") == m.scores(["cue=said"])[0]
