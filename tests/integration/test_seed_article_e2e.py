"""Acceptance test of the foundation issue on the reference article (read from ../shared when present).

The article's own sentences are not copied here: passages are found in it by their quote marks, and
only the facts (names, dates, values) are written down.
"""
import json
import re

import pytest

from dateline.cli.main import main
from support import SEED, need_shared

LEGEND, TEIGEN = "John Legend", "Chrissy Teigen"
# the speakers of the quoted passages of three words or more, in the order they appear
PASSAGE_SPEAKERS = [LEGEND] * 4 + [TEIGEN] * 4 + [LEGEND] * 4
# the speakers of the two reported-speech statements ("X said they ..."), in order
REPORTED_SPEAKERS = [TEIGEN, LEGEND]
SAID_ON = {TEIGEN: "2020-09-30", LEGEND: "2020-10-15"}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    need_shared(SEED)
    out = tmp_path_factory.mktemp("seed") / "seed.json"
    assert main(["extract", str(SEED), "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _passages(text):
    """(start, end, words) of every quote-mark pair: “…” and "…"."""
    found = [(m.start(1), m.end(1)) for m in re.finditer(r"“([^”]+)”", text)]
    found += [(m.start(1), m.end(1)) for m in re.finditer(r'"([^"]+)"', text)]
    return sorted((a, b, len(text[a:b].split())) for a, b in found)


def _overlaps(q, a, b):
    return any(s < b and a < e for s, e in q["spans"])


def test_header_and_schema(result, validate):
    validate(result)
    assert result["dct"] == "2020-10-16"
    assert not result["text"].startswith("date ")


def test_timexes(result):
    text, tx = result["text"], result["timexes"]
    by_text = {}
    for t in tx:
        by_text.setdefault(t["text"], []).append(t)
    wed = [t for t in tx if "Wednesday" in t["text"]]
    assert len(wed) == 1 and wed[0]["value"] == "2020-10-14TNI" and wed[0]["type"] == "TIME"
    thu = [t for t in tx if "Thursday" in t["text"]]
    assert len(thu) == 2 and all(t["value"].startswith("2020-10-15") for t in thu)
    sep = [t for t in tx if "Sept" in t["text"]]
    assert len(sep) == 1 and sep[0]["value"] == "2020-09-30"
    year = [t for t in tx if t["text"] == "2020"]
    assert len(year) == 1 and year[0]["value"] == "2020"
    # nothing on the age, the child's name or the song title
    age = text.index(", 34,") + 2
    shorts = [(a, b) for a, b, n in _passages(text) if n <= 2]
    assert len(shorts) == 2
    for t in tx:
        assert not (t["start"] < age + 2 and age < t["end"]), t
        for a, b in shorts:
            assert not (t["start"] < b and a < t["end"]), t


def test_quoted_passages_attributed(result):
    text, quotes = result["text"], result["quotes"]
    long_passages = [(a, b) for a, b, n in _passages(text) if n >= 3]
    assert len(long_passages) == len(PASSAGE_SPEAKERS) == 12
    for (a, b), who in zip(long_passages, PASSAGE_SPEAKERS):
        covering = [q for q in quotes if _overlaps(q, a, b)]
        assert covering, f"no quote covers the passage at {a}:{b}"
        assert all(q["speaker_name"] == who for q in covering), (a, b, who, covering)


def test_reported_statements_attributed(result):
    text, quotes = result["text"], result["quotes"]
    reported = [m.end() for m in re.finditer(r"\bsaid they", text)]
    assert len(reported) == len(REPORTED_SPEAKERS)
    for pos, who in zip(reported, REPORTED_SPEAKERS):
        covering = [q for q in quotes if _overlaps(q, pos, pos + 10)]
        assert covering, f"no quote covers the reported statement at {pos}"
        assert all(q["kind"] in ("indirect", "mixed") and q["speaker_name"] == who for q in covering), covering


def test_no_quote_of_the_title_or_the_name(result):
    text, quotes = result["text"], result["quotes"]
    for a, b, n in _passages(text):
        if n <= 2:
            assert not [q for q in quotes if _overlaps(q, a, b) and q["kind"] == "direct"
                        and len(q["text"].split()) <= 2], text[a:b]
    assert len([q for q in quotes if q["speaker_name"] is None]) == 0


def test_said_on(result):
    for q in result["quotes"]:
        assert q["said_on"] is not None and q["said_on"][:10] == SAID_ON[q["speaker_name"]], q


def test_people(result):
    ents = {e["name"]: e for e in result["entities"] if e["type"] == "PERSON"}
    assert ents[TEIGEN]["attributes"].get("age") == 34
    assert ents[TEIGEN]["attributes"].get("gender") == "female"
    assert ents[LEGEND]["attributes"].get("gender") == "male"


def test_timeline(result):
    names = {e["id"]: e["name"] for e in result["entities"]}
    events = {e["id"]: e for e in result["events"]}
    tl = {t["date"]: t for t in result["timeline"]}
    assert [t["date"] for t in result["timeline"]] == sorted(tl)
    expected = {"2020-09-30": TEIGEN, "2020-10-14": LEGEND, "2020-10-15": LEGEND}
    for date, who in expected.items():
        assert date in tl, f"no timeline entry for {date}"
        actors = {names[a] for eid in tl[date]["events"] for a in events[eid]["actors"]}
        assert who in actors, (date, actors)
    assert set(tl["2020-09-30"]["quotes"]) and set(tl["2020-10-15"]["quotes"])
