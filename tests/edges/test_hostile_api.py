"""Issue 12 item 8 and the server defaults: hostile bodies get a 4xx (never a 500), bodies are bounded
while they are read, work over the budget gets a 503, the Host header is checked, and every answer
carries the security headers."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.api.app import create_app
from dateline.api.guard import Budget, parse_json, BadJSON

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402

LOCAL = "http://127.0.0.1"
OK = {"dct": "2024-03-05", "text": "Harbor master Ines Navarro said on Monday that the pier would reopen."}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fx.build_db(tmp_path_factory.mktemp("hostile") / "api.db")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), base_url=LOCAL)


def _post(client, raw: bytes, **kw):
    return client.post("/api/extract", content=raw, headers={"content-type": "application/json"}, **kw)


@pytest.mark.parametrize("raw, words", [
    (b"[" * 100_000 + b"]" * 100_000, "nested deeper"),
    (b'{"text": "x", "dct": "2024-01-01", "id": ' + b"9" * 5000 + b"}", "unreadable JSON"),
    (b'{"text": "bad \\ud800 text", "dct": "2024-01-01"}', "lone surrogate"),
    (b'{"text": "ok", "dct": "2024-01-01", "meta": {"k\\udfff": 1}}', "lone surrogate"),
    (b'{"text": "caf\xe9", "dct": "2024-01-01"}', "UTF-8"),
])
def test_hostile_json_gets_a_400(client, raw, words):
    r = _post(client, raw)
    assert r.status_code == 400, r.text
    assert words in r.json()["detail"]


@pytest.mark.parametrize("body, field", [
    ({"text": "Words.", "dct": 20240101}, "dct"),
    ({"text": "Words.", "dct": "2024-01-01", "id": {"a": 1}}, "id"),
    ({"text": "Words.", "dct": "2024-01-01", "id": True}, "id"),
])
def test_wrong_types_get_a_422(client, body, field):
    r = client.post("/api/extract", json=body)
    assert r.status_code == 422 and r.json()["detail"].startswith(field)


def test_a_declared_huge_body_is_refused_before_it_is_read(client):
    r = client.post("/api/extract", content=b"{}",
                    headers={"content-type": "application/json", "content-length": str(100 << 20)})
    assert r.status_code == 413 and "limit" in r.json()["detail"]


def test_a_streamed_body_is_cut_off_at_the_limit(client):
    """At the ASGI level: a chunked body of 12.5 MB is read only up to the limit, then 413."""
    import asyncio
    app = client.app
    received, sent = [], []

    async def receive():
        received.append(1)
        return {"type": "http.request", "body": b" " * 65536, "more_body": len(received) < 200}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/extract", "raw_path": b"/api/extract",
             "query_string": b"", "root_path": "", "scheme": "http", "server": ("127.0.0.1", 80),
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")], "http_version": "1.1"}
    import threading                     # a thread of its own: another test may leave a loop running here
    t = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    t.start()
    t.join(30)
    assert sent[0]["status"] == 413
    assert len(received) <= 8            # 404 KB limit / 64 KB chunks: the rest is never read


def test_the_host_header_is_checked(db, client):
    assert client.get("/api/stats").status_code == 200
    assert client.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/api/stats", headers={"host": "[::1]:8000"}).status_code == 200
    r = client.get("/api/stats", headers={"host": "attacker.example"})
    assert r.status_code == 400 and "Host" in r.json()["detail"]
    other = TestClient(create_app(db, allowed_hosts=("news.internal",)), base_url="http://news.internal")
    assert other.get("/api/stats").status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/stats", "/api/quotes?page=0", "/static/app.js"])
def test_security_headers_on_every_answer(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"


def test_work_over_the_budget_gets_a_503_and_the_server_stays_responsive(db):
    slow = TestClient(create_app(db, budget=Budget(slots=1, seconds=0.0001)), base_url=LOCAL)
    r = slow.post("/api/extract", json=dict(OK, text=OK["text"] * 200))
    assert r.status_code == 503 and int(r.headers["retry-after"]) >= 0 and "longer than" in r.json()["detail"]
    assert slow.get("/api/stats").status_code == 200
    budget = Budget(slots=1, seconds=5, wait=0.01)
    busy = TestClient(create_app(db, budget=budget), base_url=LOCAL)
    assert busy.post("/api/extract", json=OK).status_code == 200
    budget._free.acquire()                    # another extraction holds the only slot
    try:
        r = busy.post("/api/extract", json=OK)
        assert r.status_code == 503 and "busy" in r.json()["detail"] and r.headers["retry-after"] == "1"
        assert busy.get("/api/people").status_code == 200
    finally:
        budget._free.release()
    assert busy.post("/api/extract", json=OK).status_code == 200


def test_parse_json_names_each_failure():
    with pytest.raises(BadJSON, match="nested"):
        parse_json(b"{" * 65 + b"}" * 65)
    assert parse_json(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')["a"].startswith("[")
    assert parse_json(b'{"a": [[[1]]]}') == {"a": [[[1]]]}


def test_a_stage_bug_on_one_text_is_a_named_422_not_a_500(db, monkeypatch):
    app = create_app(db)
    client = TestClient(app, base_url=LOCAL)

    def broken(doc):
        raise RecursionError("maximum recursion depth exceeded")
    from dateline.pipeline import Pipeline
    monkeypatch.setattr(Pipeline, "__call__", lambda self, doc: broken(doc))
    r = client.post("/api/extract", json=OK)
    assert r.status_code == 422 and r.json()["detail"].startswith("DL399: internal error RecursionError")
