"""``Store.timeline`` / ``dateline timeline``: at most ``limit`` entries, ``truncated`` true exactly
when entries were left out, ``keep`` choosing which, values shown at their own granularity, and a
bare number far from the article's year not taken for a year."""
from __future__ import annotations

import io
from contextlib import redirect_stdout

import pytest

from dateline.cli.main import main
from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.store import Store, StoreError

TEXTS = [
    ("mill-1", "2031-04-02", "The Harlow mill first opened in 1987. Power was cut in 1016 homes near the mill. "
                             "The owner spoke about it on Monday."),
    ("mill-2", "2031-04-09", "The Harlow mill reopened on Tuesday after repairs to the dam."),
    ("mill-3", "2031-04-16", "Workers at the Harlow mill went on strike on Wednesday over pay."),
    ("mill-4", "2031-04-23", "The Harlow mill strike ended on Thursday with a new contract."),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("tl") / "mill.db"
    pipe = Pipeline(settings=Settings())
    with Store(path) as s, s.batch():
        for doc_id, dct, text in TEXTS:
            s.put(pipe(Document(id=doc_id, text=text, dct=dct)))
    with Store(path, readonly=True) as s:
        yield s


def test_limit_and_truthful_truncation(store):
    full = store.timeline(q="mill", limit=100)
    n = len(full["entries"])
    assert n >= 4 and not full["truncated"]
    cut = store.timeline(q="mill", limit=n - 1)
    assert len(cut["entries"]) == n - 1 and cut["truncated"]
    assert not store.timeline(q="mill", limit=n)["truncated"]


def test_keep_earliest_and_latest(store):
    days = lambda res: [e["day"] for e in res["entries"]]     # noqa: E731
    early = store.timeline(q="mill", limit=2, keep="earliest")
    late = store.timeline(q="mill", limit=2, keep="latest")
    everything = sorted(days(store.timeline(q="mill", limit=100)))
    assert days(early) == everything[:2] and days(late) == everything[-2:]
    with pytest.raises(StoreError):
        store.timeline(q="mill", keep="random")


def test_years_keep_their_granularity_and_counts_are_not_years(store):
    periods = [e["period"] for e in store.timeline(q="mill", limit=100)["entries"]]
    assert "1987" in periods and "1987-01-01" not in periods
    assert not any(p.startswith("1016") for p in periods)
    assert periods[0] == "1987"              # a year sorts before the days within it


def test_cli_limit_and_truncation_note(store, tmp_path):
    out = io.StringIO()
    with redirect_stdout(out):
        rc = main(["timeline", "--db", store.path, "--q", "mill", "--limit", "2", "--keep", "latest"])
    assert rc == 0
    text = out.getvalue()
    assert "more than 2 entries match" in text and "1987-01-01" not in text
