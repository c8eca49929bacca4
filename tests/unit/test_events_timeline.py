"""Golden cases for dated events and the timeline, on hand-built records (independent of other stages)."""
import re

import pytest

from dateline import Document, Settings
from dateline.grammar import load_resources
from dateline.model import Entity, Mention, Quote, Sentence, Timex, Span
from dateline.stages import get_stage


def _stage(name):
    return get_stage(name).factory(Settings(), load_resources("en"))


def _doc(text, timexes, people, quotes=()):
    """people: {name: [surface, ...]} -> mentions + entities; timexes: [(surface, type, value)]."""
    sents = tuple(Sentence(m.start(), m.end(), 0) for m in re.finditer(r"[^.!?]+[.!?]", text))
    tx = []
    for i, (surface, typ, value) in enumerate(timexes, 1):
        a = text.index(surface)
        tx.append(Timex(f"t{i}", a, a + len(surface), surface, typ, value, anchor="t0"))
    mentions, entities = [], []
    for n, (name, surfaces) in enumerate(people.items(), 1):
        ids = []
        for s in surfaces:
            for m in re.finditer(rf"\b{re.escape(s)}\b", text):
                if any(x.start <= m.start() < x.end for x in mentions):
                    continue
                mid = f"m{len(mentions) + 1}"
                mentions.append(Mention(mid, m.start(), m.end(), s, "PERSON",
                                        "pronoun" if s.islower() else "name", f"ent{n}"))
                ids.append(mid)
        entities.append(Entity(f"ent{n}", "PERSON", name, tuple(ids)))
    mentions.sort(key=lambda m: m.start)
    return Document(id="g", text=text, dct="2023-05-12", sentences=sents, timexes=tuple(tx),
                    mentions=tuple(mentions), entities=tuple(entities), quotes=tuple(quotes))


EVENTS = [
    # text, timexes, people, expected [(date, trigger, [actor names])]
    ("On Monday, Ina Ruiz resigned from the board.", [("Monday", "DATE", "2023-05-08")],
     {"Ina Ruiz": ["Ina Ruiz"]}, [("2023-05-08", "resigned", ["Ina Ruiz"])]),
    ("Ina Ruiz resigned from the board on Monday.", [("Monday", "DATE", "2023-05-08")],
     {"Ina Ruiz": ["Ina Ruiz"]}, [("2023-05-08", "resigned", ["Ina Ruiz"])]),
    ("Tuesday night, she signed the deal with Omar Haddad.", [("Tuesday night", "TIME", "2023-05-09TNI")],
     {"Ina Ruiz": ["she"], "Omar Haddad": ["Omar Haddad"]}, [("2023-05-09TNI", "signed", ["Ina Ruiz"])]),
    # a year-only timex next to a precise one does not make a second event
    ("At the 2023 fair on Friday, Omar Haddad won a prize.",
     [("2023", "DATE", "2023"), ("Friday", "DATE", "2023-05-12")],
     {"Omar Haddad": ["Omar Haddad"]}, [("2023-05-12", "won", ["Omar Haddad"])]),
    # the verb nearest a trailing timex, not a later one
    ("Ina Ruiz voted on Monday to close the branch she had opened.", [("Monday", "DATE", "2023-05-08")],
     {"Ina Ruiz": ["Ina Ruiz"]}, [("2023-05-08", "voted", ["Ina Ruiz"])]),
    # the subject is looked for inside the clause of the trigger: no actor is better than a wrong one
    ("Ina Ruiz told us that the crew would leave by Friday.", [("Friday", "DATE", "2023-05-12")],
     {"Ina Ruiz": ["Ina Ruiz"]}, [("2023-05-12", "leave", [])]),
    ("Fans cheered on Sunday after the final.", [("Sunday", "DATE", "2023-05-07")], {}, [("2023-05-07", "cheered", [])]),
    # a hyphenated adjective is not a verb; a date with no verb is not a happening
    ("Ina Ruiz reported the state-owned fund's value through March 3.", [("March 3", "DATE", "2023-03-03")],
     {"Ina Ruiz": ["Ina Ruiz"]}, [("2023-03-03", "reported", ["Ina Ruiz"])]),
    ("Rates for 2022.", [("2022", "DATE", "2022")], {}, []),
    # durations, sets and vague references are not event dates
    ("Omar Haddad worked there for two years.", [("two years", "DURATION", "P2Y")],
     {"Omar Haddad": ["Omar Haddad"]}, []),
    ("Omar Haddad has changed recently.", [("recently", "DATE", "PAST_REF")], {"Omar Haddad": ["Omar Haddad"]}, []),
]


@pytest.mark.parametrize("text,timexes,people,expected", EVENTS, ids=[e[0][:40] for e in EVENTS])
def test_events(text, timexes, people, expected):
    doc = _stage("events")(_doc(text, timexes, people))
    names = {e.id: e.name for e in doc.entities}
    got = [(e.date, e.trigger, [names[a] for a in e.actors]) for e in doc.events]
    assert got == expected
    for e in doc.events:
        assert doc.text[e.start:e.end] == e.text and e.timex in {t.id for t in doc.timexes}


def test_timeline_groups_by_day_in_date_order():
    text = "On Monday, Ina Ruiz resigned. In March, Omar Haddad arrived. Tuesday night, Ina Ruiz spoke."
    doc = _doc(text, [("Monday", "DATE", "2023-05-08"), ("March", "DATE", "2023-03"),
                      ("Tuesday night", "TIME", "2023-05-09TNI")],
               {"Ina Ruiz": ["Ina Ruiz"], "Omar Haddad": ["Omar Haddad"]},
               quotes=[Quote("q1", "direct", ((0, 5),), "On Mo", speaker=Span(11, 19, "Ina Ruiz"),
                             speaker_entity="ent1", speaker_name="Ina Ruiz", said_on="2023-05-09"),
                       Quote("q2", "direct", ((0, 5),), "On Mo", said_on=None)])
    doc = _stage("timeline")(_stage("events")(doc))
    assert [(t.date, t.events, t.quotes) for t in doc.timeline] == [
        ("2023-03", ("e2",), ()), ("2023-05-08", ("e1",), ()), ("2023-05-09", ("e3",), ("q1",))]


def test_timeline_orders_weeks_and_coarse_dates_by_their_first_day():
    from dateline.stages.timeline import sort_key
    keys = ["2024-02-19", "2024", "2024-W08", "2024-02", "2023-12-31", "2024-02-18"]
    assert sorted(keys, key=sort_key) == ["2023-12-31", "2024", "2024-02", "2024-02-18", "2024-W08", "2024-02-19"]
    doc = _doc("Ina Ruiz spoke.", [], {"Ina Ruiz": ["Ina Ruiz"]},
               quotes=[Quote("q1", "direct", ((0, 3),), "Ina", said_on="2024-W08"),
                       Quote("q2", "direct", ((0, 3),), "Ina", said_on="2024-Q1"),
                       Quote("q3", "direct", ((0, 3),), "Ina", said_on="2024-02-20")])
    doc = _stage("timeline")(_stage("events")(doc))
    assert [(t.date, t.quotes) for t in doc.timeline] == [("2024", ("q2",)), ("2024-W08", ("q1",)),
                                                         ("2024-02-20", ("q3",))]


@pytest.mark.parametrize("text", ["On Monday, the board met.", "Late in 2020 it grew.", "'_x' said so on Friday.",
                                  "A.A.A.__ on Monday", "...and then -'_b", "  3rd of May, __init__ ran", "é-_x ’90s",
                                  "-- .'- ok", "", "__"])
def test_lead_in_limit_is_the_first_run_starting_with_no_letter_or_digit(text):
    from dateline.stages.events import not_lead_in

    def by_runs(a: int, b: int) -> int:      # the definition: runs of [\w.’'-], each one's first word character
        for m in re.finditer(r"[\w.’'-]+", text[:b]):
            if m.start() < a:
                continue
            w = re.search(r"\w", m.group())
            if w and not re.match(r"[A-Z0-9]", w.group(), re.IGNORECASE):
                return m.start() + w.start()
        return b + 1
    for a in range(len(text) + 1):
        if a == 0 or not re.match(r"[\w.’'-]", text[a - 1]):
            assert not_lead_in(text, a, len(text)) == by_runs(a, len(text)), (text, a)
        assert not_lead_in(text, 0, a) == by_runs(0, a), (text, a)
