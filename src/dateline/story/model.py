"""The weights the story ranks with: hand-set rules, or the linear models ``scripts/train_story.py``
fits on the Timeline17 dev topics (``resources/models/story/weights.json``, card beside it)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources

from . import dates, sentences

MODES = ("rules", "learned")
DEFAULT = "rules"          # held out, the learned weights do not beat the rules (docs/models.md)


@dataclass(frozen=True)
class StoryModel:
    name: str
    date_weights: tuple[float, ...]        # over dates.vector (log counts, then shares of the top day)
    sentence_weights: tuple[float, ...]    # over sentences.FEATURES

    def __post_init__(self) -> None:
        if len(self.date_weights) != 2 * len(dates.FEATURES):
            raise ValueError(f"story model {self.name}: expected {2 * len(dates.FEATURES)} date weights, "
                             f"found {len(self.date_weights)}")
        if len(self.sentence_weights) != len(sentences.FEATURES):
            raise ValueError(f"story model {self.name}: expected {len(sentences.FEATURES)} sentence weights, "
                             f"found {len(self.sentence_weights)}")


def _named(names: tuple[str, ...], values: dict[str, float]) -> tuple[float, ...]:
    return tuple(float(values.get(n, 0.0)) for n in names)


DATE_NAMES = tuple(f"log_{f}" for f in dates.FEATURES) + tuple(f"share_{f}" for f in dates.FEATURES)

# rules: a day counts by the articles that name it and the later ones that refer back to it; a
# sentence by how close it is to its day's coverage and to the whole story
RULES = StoryModel("rules", _named(DATE_NAMES, {"log_articles": 1.0, "log_later": 1.0}),
                   _named(sentences.FEATURES, {"day": 1.0, "story": 1.0}))


@lru_cache(maxsize=1)
def _weights() -> dict:
    path = importlib_resources.files("dateline") / "resources" / "models" / "story" / "weights.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _learned(data: dict, name: str) -> StoryModel:
    return StoryModel(name, _named(DATE_NAMES, data["dates"]), _named(sentences.FEATURES, data["sentences"]))


def load_model(mode: str = DEFAULT, held_out: str | None = None) -> StoryModel:
    """The weights for ``mode`` ("learned" or "rules"). ``held_out``: the learned weights fitted
    without that training topic, when there are such (leave-one-topic-out evaluation)."""
    if mode == "rules":
        return RULES
    if mode == "learned":
        data = _weights()
        if held_out and held_out in data.get("held_out", {}):
            return _learned(data["held_out"][held_out], f"learned without {held_out}")
        return _learned(data, "learned")
    raise ValueError(f"story model: expected one of {', '.join(MODES)}, found {mode!r}")
