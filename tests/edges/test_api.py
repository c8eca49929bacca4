"""The HTTP API through FastAPI's TestClient: every endpoint, the 4xx cases, the token, read-only mode."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from dateline.api.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402

TOKEN = "s3cret-token"
ARTICLE = {"id": "pier-1", "dct": "2024-03-05",
           "text": 'Harbor master Ines Navarro said on Monday that the pier would reopen next Friday. '
                   '"The repairs are finished," Navarro said.'}


@pytest.fixture()
def db(tmp_path):
    return fx.build_db(tmp_path / "api.db")


@pytest.fixture()
def client(db):
    return TestClient(create_app(db), base_url="http://127.0.0.1")


@pytest.fixture()
def writer(db):
    return TestClient(create_app(db, token=TOKEN, max_chars=5000), base_url="http://127.0.0.1")


def test_stats_and_openapi(client):
    st = client.get("/api/stats").json()
    assert st["documents"] == 4 and st["read_only"] is True and st["schema_version"] >= 2
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/documents", "/api/documents/{doc_id}", "/api/quotes", "/api/people", "/api/timeline",
              "/api/extract"):
        assert p in paths
    assert "requestBody" in paths["/api/extract"]["post"]


def test_documents(client):
    res = client.get("/api/documents", params={"page_size": 2}).json()
    assert [d["id"] for d in res["items"]] == ["harbor-1", "harbor-2"] and res["has_more"]
    assert client.get("/api/documents", params={"page": 2, "page_size": 3}).json()["items"][0]["id"] == "harbor-3"
    hits = client.get("/api/documents", params={"q": "library"}).json()["items"]
    assert hits[0]["id"] == "library-1" and "<mark>library</mark>" in hits[0]["snippet_html"]
    doc = client.get("/api/documents/harbor-2").json()
    assert doc["dct"] == "2023-04-04" and len(doc["quotes"]) == 4
    assert doc["person_ids"]["ent3"] == "dana-reyes"
    expected = next(d for d in fx.newsroom_dicts() if d["id"] == "harbor-2")
    assert doc["people"]["maria-okafor"] == "Maria Okafor"      # "Okafor" in this article, merged
    assert {k: v for k, v in doc.items() if k not in ("person_ids", "people")} == expected


def test_quotes(client):
    res = client.get("/api/quotes", params={"speaker": "Okafor"}).json()
    assert res["person"]["id"] == "maria-okafor" and len(res["items"]) == 3
    res = client.get("/api/quotes", params={"q": "winter"}).json()
    assert res["items"][0]["n_sources"] == 2 and "<mark>winter</mark>" in res["items"][0]["snippet_html"]
    res = client.get("/api/quotes", params={"since": "2023-06-01", "until": "2023-12-31"}).json()
    assert {i["date"] for i in res["items"]} == {"2023-06-20", "2023-09-29"}
    res = client.get("/api/quotes", params={"page": 2, "page_size": 4}).json()
    assert len(res["items"]) == 4 and res["has_more"]
    assert client.get("/api/quotes", params={"speaker": "Nobody"}).json()["items"] == []
    # markup in the query or the data is escaped; the only tags are <mark>
    res = client.get("/api/quotes", params={"q": "<script>boat"}).json()
    assert "<script>" not in str(res)


def test_people_and_timeline(client):
    people = client.get("/api/people").json()["items"]
    assert people[0] == {"id": "maria-okafor", "name": "Maria Okafor", "label": "PERSON", "n_quotes": 3,
                         "n_documents": 4}
    assert len(client.get("/api/people", params={"label": "any"}).json()["items"]) == 4
    assert client.get("/api/people", params={"label": "ORG"}).json()["items"] == []
    assert [p["id"] for p in client.get("/api/people", params={"name": "Reyes"}).json()["items"]] == \
        ["dana-reyes", "thomas-reyes"]
    tl = client.get("/api/timeline", params={"person": "maria-okafor"}).json()
    assert tl["person"]["name"] == "Maria Okafor"
    assert [e["kind"] for e in tl["entries"]].count("quote") == 3
    assert [e["day"] for e in tl["entries"]] == sorted(e["day"] for e in tl["entries"])
    tl = client.get("/api/timeline", params={"q": "ferry boats"}).json()
    assert tl["person"] is None


@pytest.mark.parametrize("url, status, words", [
    ("/api/quotes?since=2023-13-01", 400, "since"),
    ("/api/quotes?until=soon", 400, "until"),
    ("/api/quotes?page=0", 422, "page"),
    ("/api/quotes?page=abc", 422, "page"),
    ("/api/quotes?page_size=100000", 422, "page_size"),
    ("/api/documents?page=-1", 422, "page"),
    ("/api/documents/does-not-exist", 404, "no document"),
    ("/api/timeline", 400, "person="),
    ("/api/timeline?person=Nobody%20At%20All", 404, "no person"),
    ("/api/timeline?person=Okafor&since=2023-02-30", 400, "calendar"),
    ("/api/quotes?q=%22%22%22", 400, "q:"),
])
def test_bad_input_gets_a_clear_4xx(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


def test_extract_runs_the_pipeline_without_storing(client):
    r = client.post("/api/extract", json=ARTICLE)
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["id"] == "pier-1" and d["dct"] == "2024-03-05" and d["text"] == ARTICLE["text"]
    assert {"timexes", "entities", "quotes", "events", "timeline"} <= set(d)
    assert client.get("/api/stats").json()["documents"] == 4
    assert client.get("/api/documents/pier-1").status_code == 404


@pytest.mark.parametrize("body, status, words", [
    ({"text": "Some words."}, 422, "dct"),
    ({"dct": "2024-01-01"}, 422, "text"),
    ({"text": "Some words.", "dct": "2024-02-30"}, 422, "dct"),
    ({"text": "Some words.", "dct": "last week"}, 422, "dct"),
    ({"text": 5, "dct": "2024-01-01"}, 422, "text"),
    ([1, 2], 422, "JSON object"),
    ({"text": "x" * 100_001, "dct": "2024-01-01"}, 413, "limit"),
])
def test_extract_rejects_bad_bodies(client, body, status, words):
    r = client.post("/api/extract", json=body)
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


def test_extract_rejects_malformed_json_and_huge_bodies(client):
    r = client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "malformed JSON" in r.json()["detail"]
    r = client.post("/api/extract", content=b"x" * 1_000_000, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_writing_needs_the_token(client, writer):
    assert client.post("/api/documents", json=ARTICLE).status_code == 403          # read-only server
    assert client.post("/api/documents", json=ARTICLE,
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403
    r = writer.post("/api/documents", json=ARTICLE)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert writer.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert writer.post("/api/documents", json=ARTICLE, headers={"Authorization": TOKEN}).status_code == 403
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/documents", json=ARTICLE, headers=auth)
    assert r.status_code == 201 and r.json() == {"id": "pier-1", "status": "new"}
    assert writer.post("/api/documents", json=ARTICLE, headers=auth).json()["status"] == "unchanged"
    assert writer.get("/api/documents/pier-1").json()["text"] == ARTICLE["text"]
    assert writer.get("/api/stats").json()["read_only"] is False
    big = dict(ARTICLE, text="y " * 3000)
    assert writer.post("/api/documents", json=big, headers=auth).status_code == 413
    assert writer.post("/api/documents", json={"text": "x"}, headers=auth).status_code == 422


def test_the_read_only_server_opens_the_database_with_mode_ro(client):
    store = client.app.state.store
    assert store.readonly
    with pytest.raises(Exception):
        store.conn.execute("CREATE TABLE x (a)")


def test_the_page_is_served_self_contained(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    # no inline script or style (a CSP can forbid them): every asset is a file of this server
    assert "<style" not in html and re.search(r"<script[^>]*>\s*[^<\s]", html) is None
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    code = html + "".join(client.get(a).text for a in assets)
    assert all(client.get(a).status_code == 200 for a in assets)
    assert "createElementNS" in code
    assert "http://" not in code.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in code


ODD = ["", " ", "%", "_", "\\", "'", '"', "*", "NEAR(", "a OR", "ü", "😀", "\x00", "-", "--", "2023", "9999-99-99",
       "<b>", "x" * 300, "0", "-1", "1e9", "DROP TABLE people;"]


@pytest.mark.parametrize("path, param", [("/api/quotes", "speaker"), ("/api/quotes", "q"), ("/api/quotes", "since"),
                                         ("/api/quotes", "until"), ("/api/quotes", "page"), ("/api/people", "name"),
                                         ("/api/people", "label"), ("/api/timeline", "person"), ("/api/timeline", "q"),
                                         ("/api/documents", "q"), ("/api/documents", "person"),
                                         ("/api/documents", "page_size")])
def test_odd_values_never_give_a_500(client, path, param):
    for value in ODD:
        r = client.get(path, params={param: value})
        assert r.status_code < 500, (param, value, r.text)
    for value in ODD:
        assert client.get("/api/documents/" + quote(value, safe="")).status_code in (200, 404, 405)
