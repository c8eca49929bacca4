"""/openapi.json describes every response (no bare objects), live responses of every endpoint
validate against the published schema, and the /docs page is served with its assets from the
installed packages (no other host)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from dateline.api.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = fx.build_db(tmp_path_factory.mktemp("openapi") / "newsroom.db")
    with TestClient(create_app(db, token=TOKEN), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def spec(client):
    return client.get("/openapi.json").json()


def response_schema(spec: dict, path: str, method: str, status: int) -> dict:
    op = spec["paths"][path][method]
    return op["responses"][str(status)]["content"]["application/json"]["schema"]


def check(spec: dict, path: str, method: str, res) -> None:
    schema = response_schema(spec, path, method, res.status_code)
    registry = Registry().with_resource("urn:openapi", Resource(contents=spec, specification=DRAFT202012))
    ref_schema = {"$ref": "urn:openapi#" + schema["$ref"][1:]} if "$ref" in schema else schema
    errors = list(Draft202012Validator(ref_schema, registry=registry).iter_errors(res.json()))
    assert not errors, f"{method.upper()} {path} {res.status_code}: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5])


def test_every_endpoint_has_a_typed_response(spec):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            ok = [s for s in op["responses"] if s.startswith("2")]
            assert ok, f"{method} {path}: no 2xx response"
            for status in ok:
                schema = op["responses"][status]["content"]["application/json"]["schema"]
                assert "$ref" in schema, f"{method} {path} {status}: a bare object, not a model"
            for status in ("400", "404", "422"):
                assert op["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith(
                    ("/Problem",)), f"{method} {path} {status}"
    names = set(spec["components"]["schemas"])
    assert {"Document", "Quote", "Person", "TimelineEntry", "Timex", "Entity", "Event"} <= names
    if "/api/story" in spec["paths"]:
        assert "Story" in names


def live_calls(client):
    doc_id = client.get("/api/documents", params={"page_size": 1}).json()["items"][0]["id"]
    person = client.get("/api/people").json()["items"][0]["id"]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {"text": '"The bridge opens on Monday," Mayor Ana Lopez said on Friday.', "dct": "2024-03-08",
               "meta": {"title": "A bridge"}}
    return [
        ("/api/stats", "get", client.get("/api/stats")),
        ("/api/documents", "get", client.get("/api/documents")),
        ("/api/documents", "get", client.get("/api/documents", params={"q": "bridge"})),
        ("/api/documents", "get", client.get("/api/documents", params={"person": person})),
        ("/api/documents/{doc_id}", "get", client.get(f"/api/documents/{doc_id}")),
        ("/api/documents/{doc_id}", "get", client.get("/api/documents/no-such-article")),
        ("/api/quotes", "get", client.get("/api/quotes")),
        ("/api/quotes", "get", client.get("/api/quotes", params={"speaker": person, "q": "the"})),
        ("/api/quotes", "get", client.get("/api/quotes", params={"since": "2023-13-01"})),
        ("/api/people", "get", client.get("/api/people")),
        ("/api/people", "get", client.get("/api/people", params={"name": "Reyes"})),
        ("/api/people", "get", client.get("/api/people", params={"page": 0})),
        ("/api/timeline", "get", client.get("/api/timeline", params={"person": person})),
        ("/api/timeline", "get", client.get("/api/timeline", params={"q": "bridge"})),
        ("/api/timeline", "get", client.get("/api/timeline")),
        ("/api/extract", "post", client.post("/api/extract", json=article)),
        ("/api/extract", "post", client.post("/api/extract", json={"text": "x"})),
        ("/api/documents", "post", client.post("/api/documents", json={**article, "id": "new-1"}, headers=auth)),
    ]


def test_live_responses_validate_against_the_published_schema(client, spec):
    calls = live_calls(client)
    seen = {(p, m) for p, m, _ in calls}
    documented = {(p.replace("{doc_id:path}", "{doc_id}"), m) for p, ops in spec["paths"].items() for m in ops}
    assert documented <= seen | {("/api/story", "get")}, documented - seen
    statuses = set()
    for path, method, res in calls:
        key = next(p for p in spec["paths"] if p.replace("{doc_id:path}", "{doc_id}") == path)
        check(spec, key, method, res)
        statuses.add(res.status_code)
    assert {200, 201, 400, 404, 422} <= statuses
    story = next((p for p in spec["paths"] if p == "/api/story"), None)
    if story:                                     # served once the story endpoint is in
        check(spec, story, "get", client.get("/api/story", params={"q": "bridge"}))


def test_the_response_model_would_change_no_answer(client):
    """Reading endpoints write their dicts directly (no validation per request); applying the route's
    response model to a live answer must give the same JSON: no extra key, no missing one, no type."""
    models = {(r.path.replace("{doc_id:path}", "{doc_id}"), meth.lower()): r.response_model
              for r in client.app.routes if getattr(r, "response_model", None) for meth in r.methods}
    checked = 0
    for path, method, res in live_calls(client) + [("/api/story", "get", client.get("/api/story"))]:
        model = models.get((path, method))
        if model is None or res.status_code >= 300:
            continue
        body = res.json()
        assert model.model_validate(body).model_dump(mode="json", exclude_unset=True) == body, path
        checked += 1
    assert checked >= 12


def test_the_docs_page_is_served_without_network(client):
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<style" not in r.text and re.search(r"<script[^>]*>\s*[^<\s]", r.text) is None
    assets = re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css))"', r.text)
    assert {a.rsplit("/", 1)[1] for a in assets} >= {"swagger-ui-bundle.js", "swagger-ui.css", "docs.js"}
    for a in assets:
        got = client.get(a)
        assert got.status_code == 200 and len(got.content) > 50, a
    assert not re.search(r"https?://(?!www\.w3\.org)", r.text + client.get("/static/docs.js").text)
    assert "/openapi.json" in client.get("/static/docs.js").text
