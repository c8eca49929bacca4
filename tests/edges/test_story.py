"""Story timelines over the store: ingest writes the story rows, ``Store.story`` equals
``build_story`` over freshly processed Documents, the CLI and the API give the JSON contract, and a
database from before the story tables gets its rows when opened for writing."""
from __future__ import annotations

import io
import json
import sqlite3
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.runners.ingest import ingest
from dateline.io.readers import read_inputs
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.store import Store, StoreError
from dateline.story import build_story, from_document

FERRY = Path(__file__).resolve().parents[1] / "fixtures" / "story" / "ferry.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "ferry.db"
    with Store(path) as store:
        counts = ingest(read_inputs([str(FERRY)]), store, Settings(), batch_size=3)
    assert counts["new"] == 6
    return path


def test_store_story_equals_the_core_over_fresh_documents(db):
    pipe = Pipeline(settings=Settings())
    arts = [from_document(pipe(d)) for d in read_inputs([str(FERRY)])]
    fresh = [a for a in arts if "ferry" in " ".join(a.sentences).lower()]
    want = build_story(fresh, query="ferry", dates=4, sents=2).to_dict()
    with Store(db, readonly=True) as store:
        got = store.story(q="ferry", dates=4, sents=2)
    assert got["entries"] == want["entries"] and got["articles"] == want["articles"] == 5


def test_story_contract(db):
    with Store(db, readonly=True) as store:
        res = store.story(q="ferry strike", dates=3, sents=1, since="2031-03-02", until="2031-03-09")
    assert set(res) == {"query", "since", "until", "articles", "entries"}
    assert 1 <= len(res["entries"]) <= 3
    days = [e["date"] for e in res["entries"]]
    assert days == sorted(days) and all("2031-03-02" <= d <= "2031-03-09" for d in days)
    assert "2031-03-05" in days          # the day the strike began: named by four articles
    for e in res["entries"]:
        assert set(e) == {"date", "sentences", "sources", "quotes", "why"}
        assert 1 <= len(e["sentences"]) <= 1 and len(e["sources"]) == len(e["sentences"])
        assert set(e["sources"][0]) == {"article", "outlet", "date", "title"}
        assert set(e["why"]) >= {"published", "mentioned_by", "referred_back", "quotes", "score"}
        for q in e["quotes"]:
            assert set(q) == {"text", "speaker", "article", "outlet", "date"}
    strike = next(e for e in res["entries"] if e["date"] == "2031-03-05")
    assert strike["why"]["mentioned_by"] >= 3 and strike["why"]["referred_back"] >= 2


def test_story_quotes_and_sources(db):
    with Store(db, readonly=True) as store:
        res = store.story(q="ferry", dates=10, sents=3)
    speakers = {q["speaker"] for e in res["entries"] for q in e["quotes"]}
    assert any(s and "Okafor" in s for s in speakers)
    outlets = {s["outlet"] for e in res["entries"] for s in e["sources"]}
    assert outlets <= {"Harbour Post", "Coast Daily"} and outlets
    texts = [s for e in res["entries"] for s in e["sentences"]]
    assert len(texts) == len(set(texts))                      # no sentence twice


@pytest.mark.parametrize("kwargs", [dict(dates=0), dict(sents=11), dict(since="March"), dict(model="big")])
def test_story_bad_arguments(db, kwargs):
    with Store(db, readonly=True) as store, pytest.raises(StoreError):
        store.story(q="ferry", **kwargs)


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_story_cli(db, fmt):
    out = io.StringIO()
    with redirect_stdout(out):
        rc = main(["story", "--db", str(db), "--q", "ferry", "--dates", "2", "--sents", "1", "--format", fmt])
    assert rc == 0
    text = out.getvalue()
    if fmt == "json":
        res = json.loads(text)
        assert res["query"] == "ferry" and len(res["entries"]) == 2
        assert all(len(e["sentences"]) == 1 for e in res["entries"])
    else:
        assert "2031-03-05" in text and ("<time" in text) == (fmt == "html")


def test_story_api(db):
    from fastapi.testclient import TestClient
    from dateline.api.app import create_app
    client = TestClient(create_app(db), base_url="http://127.0.0.1")     # the server answers loopback names only
    r = client.get("/api/story", params={"q": "ferry", "dates": 2, "sents": 2})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "ferry" and len(body["entries"]) == 2
    assert client.get("/api/story", params={"q": "ferry", "dates": 0}).status_code == 422
    assert client.get("/api/story", params={"q": "ferry", "since": "soon"}).status_code == 400


def test_a_version_2_database_gets_its_story_rows(tmp_path, db):
    old = tmp_path / "old.db"
    src = sqlite3.connect(db)
    src.backup(dst := sqlite3.connect(old))
    src.close()
    for table in ("story_docs", "story_sentences", "story_days", "story_quotes"):
        dst.execute(f"DROP TABLE {table}")
    dst.execute("DELETE FROM schema_version WHERE version = 3")
    dst.execute("PRAGMA user_version = 2")
    dst.commit()
    dst.close()
    with Store(old) as s:
        assert s.version == 3
        got = s.story(q="ferry", dates=4, sents=2)
    with Store(db, readonly=True) as s:
        assert got == s.story(q="ferry", dates=4, sents=2)


def test_a_timeline17_topic_ingested_gives_the_story_the_evaluation_scores(tmp_path):
    """Timeline17 is Penn-Treebank-tokenised: the JSONL ``scripts/t17_articles.py`` writes (tokenisation
    undone), ingested as a user would, gives the same days and sentences as ``dateline eval tls`` builds
    from the topic folder. The first four days of haiti (95 articles) keep it quick."""
    from dataclasses import replace

    from dateline.eval.tls import STAGES
    from dateline.eval.tls_data import article_records, documents
    from support import SHARED, need_shared
    topic = need_shared(SHARED / "data" / "tls" / "t17" / "haiti")
    until = "2010-01-15"
    path = tmp_path / "haiti.jsonl"
    with open(path, "w", encoding="utf-8") as f:       # what scripts/t17_articles.py writes
        for rec in article_records(topic):
            if rec["date"] <= until:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with Store(tmp_path / "haiti.db") as store:
        ingest(read_inputs([str(path)]), store, Settings(), batch_size=50)
    pipe = Pipeline(settings=replace(Settings(), stages=STAGES))
    arts = [from_document(pipe(d)) for d in documents(topic) if d.dct <= until]
    assert "-LRB-" not in " ".join(s for a in arts for s in a.sentences)
    want = build_story(arts, dates=4, sents=2, since="2010-01-12", until=until).to_dict()["entries"]
    with Store(tmp_path / "haiti.db", readonly=True) as store:
        got = store.story(since="2010-01-12", until=until, dates=4, sents=2)["entries"]
    assert len(got) == 4
    assert [(e["date"], e["sentences"], e["sources"]) for e in got] == \
        [(e["date"], e["sentences"], e["sources"]) for e in want]
