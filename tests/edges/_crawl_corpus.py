"""Synthetic news corpora for the batch, crawl and Spark tests (text written for these tests)."""
from __future__ import annotations

import json
from pathlib import Path

PEOPLE = ["Mayor Elena Brandt", "Tomas Okafor", "Ruth Abernethy", "Marcus Hale", "Priya Lindqvist",
          "Director Sam Whitcombe", "Senator Lila Moreno", "Coach Dev Patel"]
PLACES = ["Port Allen", "Millbrook", "the Wendle valley", "Eastgate", "Carrow Bay"]
WHEN = ["on Monday", "last Friday", "next week", "two years ago", "on March 3", "in January",
        "yesterday", "this morning", "for three months", "every Tuesday"]
SAID = ["said", "told reporters", "announced", "wrote in a statement", "added"]
TOPICS = ["the new bridge", "the school budget", "the harbour dredging", "the cider festival",
          "the tram line", "the flood defences", "the library extension"]


def article(i: int) -> str:
    p, q = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 3 + 1) % len(PEOPLE)]
    place, topic = PLACES[i % len(PLACES)], TOPICS[(i * 7) % len(TOPICS)]
    w1, w2 = WHEN[i % len(WHEN)], WHEN[(i * 5 + 2) % len(WHEN)]
    s = SAID[i % len(SAID)]
    return (f"Work on {topic} in {place} will resume {w1}, officials {s} {w2}.\n"
            f"\"We have waited long enough for {topic},\" {p} {s}. \"People in {place} deserve better.\"\n"
            f"{q} said {w2} that the council would vote on the plan {w1}, and that {i % 17 + 2} "
            f"contractors had applied.")


def make_jsonl(path: Path, n: int, bad_every: int = 0, start_day: int = 0) -> Path:
    """``n`` lines; every ``bad_every``-th line is broken in turn: bad JSON, no date, no text."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if bad_every and i % bad_every == bad_every - 1:
                kind = (i // bad_every) % 3
                if kind == 0:
                    f.write('{"id": "broken-%d", "text": "unterminated\n' % i)
                    continue
                if kind == 1:
                    f.write(json.dumps({"id": f"nodate-{i}", "text": article(i)}) + "\n")
                    continue
                f.write(json.dumps({"id": f"notext-{i}", "date": "2024-01-01", "text": ""}) + "\n")
                continue
            day = 1 + (i + start_day) % 28
            f.write(json.dumps({"id": f"a{i}", "date": f"2024-02-{day:02d}T10:00:00",
                                "title": f"Story {i}", "text": article(i)}) + "\n")
    return path
