"""One frozen options object that goes down the call chain (CLI, API and runners build one)."""
from __future__ import annotations

from dataclasses import dataclass, replace, fields

from .errors import SettingsError

DOCUMENT_TYPES = ("auto", "news", "narrative", "colloquial")
ATTRIBUTIONS = ("rules", "learned")
DEFAULT_STAGES = ("segment", "timex_extract", "timex_anchor", "entities", "quotes", "events", "timeline")


@dataclass(frozen=True)
class Settings:
    """Options of a pipeline, frozen and validated (a bad value raises ``SettingsError``, DL100).

    ``document_type`` says what relative times are resolved against: ``"news"`` (the publication
    date), ``"narrative"`` (the last time mentioned) or ``"colloquial"``; ``stages`` are the stage
    names to run, in order; ``max_chars`` is the longest text accepted; ``learned=False`` switches
    every learned model off; ``attribution="rules"`` lets the rules alone decide the quotes (the
    learned cascade does by default). ``replace(**changes)`` returns a changed copy.
    """
    language: str = "en"
    document_type: str = "auto"              # auto: chosen per document from its text (stages/_doctype.py);
                                             # news: relative times anchor on the DCT; narrative: on the last
                                             # date of the story; colloquial: news plus informal forms
    stages: tuple[str, ...] = DEFAULT_STAGES
    max_chars: int = 2_000_000               # a longer text is an input error (DL305)
    learned: bool = True                     # False: rules only, every learned model switched off (to compare)
    attribution: str = "learned"             # quotes: the learned cascade decides cues and spans; "rules": the rules
                                             # alone (about twice the whole pipeline's throughput, lower recall and
                                             # said_on accuracy: docs/models.md)
    resources: str | None = None             # a folder laid out like dateline/resources (own rules); None: the package's

    def __post_init__(self) -> None:
        if self.language != "en":
            raise SettingsError(f"language: expected 'en', found {self.language!r}")
        if self.document_type not in DOCUMENT_TYPES:
            raise SettingsError(f"document_type: expected {'|'.join(DOCUMENT_TYPES)}, found {self.document_type!r}")
        if not isinstance(self.stages, tuple) or not self.stages:
            raise SettingsError("stages: expected a non-empty tuple of stage names")
        if not isinstance(self.learned, bool):
            raise SettingsError(f"learned: expected True or False, found {self.learned!r}")
        if self.attribution not in ATTRIBUTIONS:
            raise SettingsError(f"attribution: expected {'|'.join(ATTRIBUTIONS)}, found {self.attribution!r}")
        if self.max_chars <= 0:
            raise SettingsError(f"max_chars: expected a positive number, found {self.max_chars}")

    def replace(self, **changes) -> "Settings":
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise SettingsError(f"unknown settings {sorted(unknown)}; known: {sorted(known)}")
        return replace(self, **changes)
