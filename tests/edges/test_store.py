"""The store: round trip of the public JSON, idempotent puts, replacement, cross-article merging of
people and quotes, migrations, read-only mode, and safe full-text queries."""
from __future__ import annotations

import dataclasses
import sqlite3
import sys
from pathlib import Path

import pytest

from dateline.model import Document, Entity, Mention, Quote, Span, from_dict, to_dict
from dateline.store import DB_VERSION, NotFound, Store, StoreError
from dateline.store.names import person_key
from dateline.store.sqlite import HERE as STORE_DIR, _split_sql, fts_query

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402


@pytest.fixture()
def store(tmp_path):
    fx.build_db(tmp_path / "n.db")
    with Store(tmp_path / "n.db") as s:
        yield s


def logical(store: Store) -> dict:
    """The database by natural keys (no row numbers): what a reader can observe."""
    c = store.conn
    people = sorted(tuple(r) for r in c.execute(
        "SELECT p.id, p.key, p.label, p.name, r.id, p.n_quotes, p.n_docs, p.n_quotes_total, p.n_docs_total "
        "FROM people p JOIN people r ON r.pk = p.root_pk"))
    quotes = sorted((r["text"], r["pid"], r["date"], r["n_sources"], r["speaker"], tuple(sorted(
        tuple(s) for s in c.execute("SELECT d.id, qs.qid, qs.date FROM quote_sources qs JOIN documents d "
                                    "ON d.pk = qs.doc_pk WHERE qs.quote_pk = ?", (r["pk"],)))))
                    for r in c.execute("SELECT q.pk, q.text, p.id AS pid, q.date, q.n_sources, q.speaker "
                                       "FROM quotes q LEFT JOIN people p ON p.pk = q.person_pk"))
    events = sorted(tuple(r) for r in c.execute(
        "SELECT d.id, e.eid, e.date, e.day, e.text, (SELECT group_concat(p.id) FROM event_people ep JOIN people p "
        "ON p.pk = ep.person_pk WHERE ep.event_pk = e.pk) FROM events e JOIN documents d ON d.pk = e.doc_pk"))
    docs = sorted(tuple(r) for r in c.execute("SELECT id, dct, title, content_hash, data FROM documents"))
    fts = sorted(r[0] for r in c.execute("SELECT text FROM quotes_fts WHERE quotes_fts MATCH 'the'"))
    return {"people": people, "quotes": quotes, "events": events, "documents": docs, "fts": fts}


def test_round_trip_preserves_public_json(store):
    for doc in fx.newsroom_docs():
        assert to_dict(store.get(doc.id)) == to_dict(doc)
        assert store.get_dict(doc.id) == to_dict(doc)
        assert from_dict(store.get_dict(doc.id)) == from_dict(to_dict(doc))
    with pytest.raises(NotFound):
        store.get("nope")


def test_put_is_idempotent_and_replaces_changed_documents(tmp_path, store):
    before = store.dump()
    with store.batch():
        assert [store.put(d) for d in fx.newsroom_docs()] == ["unchanged"] * 4
    assert store.dump() == before

    # change one article: replaced in place, and the result equals a database built from the new set
    docs = fx.newsroom_docs()
    changed = dataclasses.replace(docs[2], text=docs[2].text.replace("The new public", "The new city"),
                                  meta={"title": "New library opens"})
    assert store.put(changed) == "replaced"
    fresh = Store(tmp_path / "fresh.db")
    with fresh.batch():
        for d in docs[:2] + [changed] + docs[3:]:
            fresh.put(d)
    assert logical(store) == logical(fresh)
    assert store.get(changed.id).meta["title"] == "New library opens"
    assert store.documents(q="city")["items"][0]["id"] == changed.id
    assert store.documents(q="public")["items"] == []


def test_people_are_merged_by_name_variants_never_by_surname_alone(store):
    people = {p["id"]: p for p in store.people()["items"]}
    assert set(people) == {"maria-okafor", "thomas-reyes", "dana-reyes", "samuel-whitfield"}
    # "Okafor" alone (harbor-2, harbor-3) is the one Okafor we know; "Tom" and "Thomas" Reyes are one person
    assert people["maria-okafor"]["n_documents"] == 4 and people["maria-okafor"]["n_quotes"] == 3
    assert people["thomas-reyes"]["n_quotes"] == 3
    # two different Reyes stay two people
    assert people["dana-reyes"]["n_quotes"] == 3
    assert [p["id"] for p in store.find_people("Reyes")] == ["dana-reyes", "thomas-reyes"]
    assert store.find_people("Tom Reyes")[0]["id"] == "thomas-reyes"
    assert store.person_links("harbor-2") == {"ent1": "maria-okafor", "ent2": "thomas-reyes", "ent3": "dana-reyes"}


def _speaker_doc(doc_id: str, dct: str, name: str, words: str) -> Document:
    text = f'"{words}," {name} said.'
    s = text.index(name)
    return Document(id=doc_id, text=text, dct=dct,
                    mentions=(Mention("m1", s, s + len(name), name, "PERSON", entity="ent1"),),
                    entities=(Entity("ent1", "PERSON", name, ("m1",)),),
                    quotes=(Quote("q1", "direct", ((1, 1 + len(words)),), words, Span(s, s + len(name), name),
                                  "ent1", name, Span(s + len(name) + 1, s + len(name) + 5, "said")),))


def test_a_surname_alone_merges_only_while_it_is_unambiguous(tmp_path):
    s = Store(tmp_path / "m.db")
    s.put(_speaker_doc("a", "2020-01-02", "Lena Marsh", "The river is rising"))
    s.put(_speaker_doc("b", "2020-01-03", "Marsh", "We need sandbags"))
    assert [p["id"] for p in s.people()["items"]] == ["lena-marsh"]
    assert s.people()["items"][0]["n_quotes"] == 2
    # a second Marsh makes "Marsh" ambiguous: it is no longer merged into either
    s.put(_speaker_doc("c", "2020-01-04", "Owen Marsh", "The bridge is closed"))
    ids = sorted(p["id"] for p in s.people()["items"])
    assert ids == ["lena-marsh", "marsh", "owen-marsh"]
    assert all(p["n_quotes"] == 1 for p in s.people()["items"])
    # ... and the result does not depend on the order the articles came in
    t = Store(tmp_path / "m2.db")
    with t.batch():
        for d in ("c", "b", "a"):
            t.put({"a": _speaker_doc("a", "2020-01-02", "Lena Marsh", "The river is rising"),
                   "b": _speaker_doc("b", "2020-01-03", "Marsh", "We need sandbags"),
                   "c": _speaker_doc("c", "2020-01-04", "Owen Marsh", "The bridge is closed")}[d])
    assert sorted((p["id"], p["n_quotes"]) for p in t.people()["items"]) == \
        sorted((p["id"], p["n_quotes"]) for p in s.people()["items"])


def test_a_repeated_quote_is_stored_once_with_every_source_and_the_earliest_date(store):
    res = store.quotes(q="another winter")
    assert len(res["items"]) == 1
    it = res["items"][0]
    assert it["date"] == "2023-03-13" and it["n_sources"] == 2 and it["person_id"] == "maria-okafor"
    assert [s["document"] for s in it["sources"]] == ["harbor-1", "harbor-2"]
    assert it["snippet_html"] == "We cannot wait <mark>another</mark> <mark>winter</mark>,"


def test_queries(store):
    assert [q["date"] for q in store.quotes(speaker="Okafor")["items"]] == ["2023-03-13", "2023-06-20", "2023-09-29"]
    assert len(store.quotes(speaker="maria-okafor", since="2023-04", until="2023-06")["items"]) == 1
    assert store.quotes(speaker="Nobody Here")["items"] == []
    assert store.quotes(q="boat", speaker="Dana Reyes")["items"][0]["text"].startswith("Every boat")
    tl = store.timeline(person="Thomas Reyes")
    assert tl["person"]["id"] == "thomas-reyes"
    assert [(e["kind"], e["day"]) for e in tl["entries"]] == [
        ("event", "2023-03-06"), ("quote", "2023-03-14"), ("quote", "2023-03-14"), ("quote", "2023-04-04"),
        ("event", "2023-09-01")]
    assert [e["day"] for e in tl["entries"]] == sorted(e["day"] for e in tl["entries"])
    assert {e["kind"] for e in store.timeline(q="bridge")["entries"]} == {"event"}
    page = store.people(page=1, size=2)
    assert page["has_more"] and len(page["items"]) == 2
    assert store.documents(person="Dana Reyes")["items"][0]["id"] == "harbor-2"


@pytest.mark.parametrize("kwargs", [dict(since="2023-13-01"), dict(until="yesterday"), dict(since="2023-02-30"),
                                    dict(page=0), dict(q="   ")])
def test_bad_query_arguments_raise_store_errors(store, kwargs):
    with pytest.raises(StoreError):
        store.quotes(**kwargs)


@pytest.mark.parametrize("words", ['"unbalanced', "AND OR NOT", "(x", "col:umn", "a*b*", "NEAR(a b)", "ü'"])
def test_fts_queries_are_safe(store, words):
    store.quotes(q=words)          # never an FTS syntax error
    assert fts_query("   ") is None


def test_migrations_bring_a_version_1_database_up_to_date(tmp_path):
    old = sqlite3.connect(tmp_path / "old.db")
    for stmt in _split_sql((STORE_DIR / "schema.sql").read_text()):
        old.execute(stmt)
    old.execute("INSERT INTO schema_version VALUES (1, 'initial')")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    s = Store(tmp_path / "old.db")
    assert s.version == DB_VERSION
    assert [tuple(r) for r in s.conn.execute("SELECT * FROM schema_version ORDER BY version")] == \
        [(1, "initial"), (2, "query_indexes"), (3, "story")]
    fresh = Store(tmp_path / "new.db")
    schema = lambda st: sorted(tuple(r) for r in st.conn.execute("SELECT type, name, sql FROM sqlite_master"))  # noqa
    assert schema(s) == schema(fresh)


def test_read_only_store(tmp_path, store):
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "absent.db", readonly=True)
    ro = Store(store.path, readonly=True)
    assert ro.stats()["documents"] == 4
    with pytest.raises(StoreError):
        ro.put(fx.newsroom_docs()[0])
    with pytest.raises(sqlite3.OperationalError):
        ro.conn.execute("DELETE FROM documents")


def test_a_failed_batch_is_rolled_back(tmp_path):
    s = Store(tmp_path / "r.db")
    with pytest.raises(RuntimeError):
        with s.batch():
            s.put(fx.newsroom_docs()[0])
            raise RuntimeError("boom")
    assert s.stats()["documents"] == 0 and s.stats()["people"] == 0


@pytest.mark.parametrize("name, key", [("Sen. Bill Clinton Jr.", ("clinton", "william")), ("Clinton", ("clinton", "")),
                                       ("W. Clinton", ("clinton", "w")), ("Vice President Al Gore", ("gore", "albert")),
                                       ("Ludwig van Beethoven", ("van beethoven", "ludwig"))])
def test_person_keys(name, key):
    assert person_key(name) == key


@pytest.mark.parametrize("value, day", [("2023-03-14", "2023-03-14"), ("2023-03", "2023-03-01"), ("2023", "2023-01-01"),
                                        ("2023-W10", "2023-03-06"), ("2023-Q2", "2023-04-01"), ("2023-SU", "2023-06-01"),
                                        ("PAST_REF", "2020-05-05"), ("2023-02-30", "2020-05-05"), (None, "2020-05-05")])
def test_axis_day_of_a_timex_value(value, day):
    from dateline.store.sqlite import day_of
    assert day_of(value, "2020-05-05") == day


def test_nouns_for_people_are_groups_and_non_names_are_nobody(tmp_path):
    s = Store(tmp_path / "g.db")
    s.put(_speaker_doc("a", "2020-01-02", "Analysts", "Prices will fall"))
    s.put(_speaker_doc("b", "2020-01-03", "P", "Ratings remain speculative"))
    s.put(_speaker_doc("c", "2020-01-04", "Acme Corp", "Sales rose"))
    assert s.people(label="PERSON")["items"] == []
    assert sorted((p["id"], p["label"]) for p in s.people()["items"]) == [("group-analysts", "GROUP"),
                                                                          ("org-acme-corp", "ORG")]
    assert s.quotes(q="speculative")["items"][0]["speaker"] == "P"        # kept as the words' speaker
    assert s.quotes(speaker="Acme Corp")["items"][0]["text"] == "Sales rose"


@pytest.mark.parametrize("name, key", [("Exchequer Nigel Lawson", ("lawson", "nigel")),
                                       ("Agriculture Richard Lyng", ("lyng", "richard")),
                                       ("Mary Ann Evans", ("evans", "mary"))])
def test_leftover_title_words_are_dropped(name, key):
    assert person_key(name) == key


@pytest.mark.parametrize("raw, shown", [("Exchequer Nigel Lawson", "Nigel Lawson"), ("Sen. Bill Clinton Jr.", "Bill Clinton Jr."),
                                        ("Mayor Okafor", "Okafor"), ("Ludwig van Beethoven", "Ludwig van Beethoven")])
def test_display_names_drop_words_that_do_not_change_who(raw, shown):
    from dateline.store.names import display_name
    assert display_name(raw) == shown
