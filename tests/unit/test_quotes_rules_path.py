"""The quotes stage with the rules alone (Settings.attribution="rules"): a verb with a common non-saying sense
(``object_sense`` in cue_verbs.tsv) before a bare noun phrase is no attribution; before a clause it still is.
The sentences are written for this test."""
from __future__ import annotations

import pytest

from dateline.errors import SettingsError
from dateline.pipeline import Pipeline
from dateline.settings import Settings


@pytest.fixture(scope="module")
def rules():
    return Pipeline(settings=Settings(attribution="rules"))


def cues(nlp, text: str) -> list[str]:
    doc = nlp(text, dct="2024-05-02")
    return [q.cue.text for q in doc.quotes if q.cue]


@pytest.mark.parametrize("text", [
    "Councillor Mara Velde first floated the plan two weeks ago in a statement on the town's website.",
    "The shipyard posted a loss of $4 million in the first quarter, its owner Tomas Rilke said nothing.",
    "Regional carrier Skylane ordered twelve jets from the planemaker on Monday.",
    "The agency released her returns for the past three years on Friday.",
    "The firm had claimed a loss of $90 million in 2019.",
])
def test_an_object_is_no_content(rules, text):
    found = cues(rules, text)
    assert not [c for c in found if c.split()[-1] in ("floated", "posted", "ordered", "released", "claimed")], found


@pytest.mark.parametrize("text, cue", [
    ("Councillor Mara Velde added the plan would cost the town nothing.", "added"),
    ("The shipyard's owner claims workers rarely complain about the hours.", "claims"),
    ("Councillor Mara Velde called the vote a disgrace.", "called"),
])
def test_a_clause_or_a_naming_still_is(rules, text, cue):
    assert any(c.split()[-1] == cue for c in cues(rules, text)), cues(rules, text)


def test_attribution_setting_is_checked():
    assert Settings().attribution == "learned"
    with pytest.raises(SettingsError):
        Settings(attribution="neural")


@pytest.mark.parametrize("settings", [Settings(), Settings(attribution="rules")], ids=["learned", "rules"])
def test_a_place_before_a_colon_is_no_speaker(settings):
    nlp = Pipeline(settings=settings)
    doc = nlp("Relief flights resumed on Monday.\n\nGeneva: The harbour reopened after the storm and the roads are "
              "clear.\n\nMayor Lena Ruiz: We will rebuild every house.", dct="2024-03-05")
    texts = [q.text for q in doc.quotes]
    assert not any("harbour" in t for t in texts), texts
    assert any("rebuild" in t for t in texts), texts
