"""The writing half of ``Store``: ingest of processed Documents, idempotent re-ingest (content hash),
replacement of a changed document, and the person/quote bookkeeping that ties articles together.

Writes happen in batches: ``with store.batch(): ...`` is one transaction, each ``put`` inside it a
savepoint, and the cross-article merges (people by surname, quote counts) are settled before the batch
commits, so every committed state is a pure function of the documents stored, whatever the batch boundaries.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Self

from ..model import SCHEMA_VERSION, Document, Entity, Event, Quote, to_dict
from ..stages.timeline import period_start
from .errors import StoreError
from .names import display_name, entity_key, is_full_first, merge_target, quote_key, slug

_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def content_hash(doc: Document) -> str:
    """Hash of the input: id, dct, text and meta (what decides whether a stored document changed).
    ``meta["source"]``, where the record was read from, is not content: ``./x`` and ``$PWD/x`` are the
    same article, and re-reading it from another spelling of its path leaves it unchanged."""
    meta = {k: v for k, v in doc.meta.items() if k != "source"}
    blob = json.dumps({"id": doc.id, "dct": doc.dct, "text": doc.text, "meta": meta},
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def day_of(value: str | None, fallback: str) -> str:
    """First day a TIMEX3 value covers ("1987-03" -> "1987-03-01", "1987-W10" -> its Monday, "1987-Q2"
    -> "1987-04-01"); the fallback (the dct) when it names no day on the calendar (PAST_REF, P2D...)."""
    return period_start(value) or fallback


@dataclass
class _Pending:
    surnames: set
    people: set


class Writes:
    """``put``/``batch`` and the merge bookkeeping; mixed into ``Store``, which provides ``conn``."""

    conn: sqlite3.Connection
    readonly: bool
    _pending: _Pending
    _in_batch: bool

    # -- transactions ------------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[Self]:
        """One transaction; the merges are settled before it commits. An exception rolls it back,
        except KeyboardInterrupt, which keeps the documents already written in it."""
        if self.readonly:
            raise StoreError("the database is open read-only")
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        self._in_batch = True
        try:
            yield self
        except KeyboardInterrupt:
            self._settle()
            c.execute("COMMIT")
            raise
        except BaseException:
            c.execute("ROLLBACK")
            self._pending = _Pending(set(), set())
            raise
        else:
            self._settle()
            c.execute("COMMIT")
        finally:
            self._in_batch = False

    def stored_hash(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    # -- documents ---------------------------------------------------------------------------------
    def put(self, doc: Document, chash: str | None = None, force: bool = False) -> str:
        """Store one processed document: "new", "replaced" or "unchanged" (same id and content hash)."""
        if not self._in_batch:
            with self.batch():
                return self.put(doc, chash, force)
        chash = chash or content_hash(doc)
        c = self.conn
        row = c.execute("SELECT pk, content_hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is not None and row["content_hash"] == chash and not force:
            return "unchanged"
        c.execute("SAVEPOINT put_doc")
        try:
            self._write_document(doc, chash, row["pk"] if row is not None else None)
            c.execute("RELEASE put_doc")
        except BaseException:
            c.execute("ROLLBACK TO put_doc")
            c.execute("RELEASE put_doc")
            raise
        return "replaced" if row is not None else "new"

    def _write_document(self, doc: Document, chash: str, pk: int | None) -> None:
        """The document row (updated in place when ``pk`` is its old row), its full text, and its rows."""
        c = self.conn
        d = to_dict(doc)
        text = d.pop("text")
        title = str(doc.meta.get("title") or "")
        if pk is not None:
            self._remove_rows(pk)
            c.execute("UPDATE documents SET dct=?, title=?, text=?, content_hash=?, schema_version=?, "
                      "n_quotes=?, data=? WHERE pk=?",
                      (doc.dct, title, text, chash, SCHEMA_VERSION, len(doc.quotes), _dumps(d), pk))
        else:
            pk = c.execute("INSERT INTO documents(id, dct, title, text, content_hash, schema_version, "
                           "n_quotes, data) VALUES (?,?,?,?,?,?,?,?)",
                           (doc.id, doc.dct, title, text, chash, SCHEMA_VERSION, len(doc.quotes),
                            _dumps(d))).lastrowid
        c.execute("INSERT INTO documents_fts(rowid, title, text) VALUES (?,?,?)", (pk, title, text))
        self._add_rows(pk, doc)

    def _add_rows(self, doc_pk: int, doc: Document) -> None:
        entities = {e.id: e for e in doc.entities}
        persons = self._link_entities(doc_pk, doc)
        for q in doc.quotes:
            self._add_quote(doc_pk, doc, q, entities, persons)
        for ev in doc.events:
            self._add_event(doc_pk, doc, ev, persons)
        self._add_story_rows(doc_pk, doc)          # store/story.py (StoryRows)

    def _link_entities(self, doc_pk: int, doc: Document) -> dict[str, int]:
        """Person rows for the document's people (and quoted entities): entity id -> person pk."""
        persons: dict[str, int] = {}
        spoke = {q.speaker_entity for q in doc.quotes if q.speaker_entity}
        for e in doc.entities:
            if (e.label == "PERSON" or e.id in spoke) and e.name.strip():
                ppk = self._person(e.name.strip(), e.label)
                if ppk is None:
                    continue
                persons[e.id] = ppk
                self._link(doc_pk, e.id, ppk, e.name.strip())
        return persons

    def _link(self, doc_pk: int, entity: str, ppk: int, name: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO doc_people(doc_pk, entity, person_pk, name) VALUES (?,?,?,?)",
                          (doc_pk, entity, ppk, name))

    # -- quotes and events -------------------------------------------------------------------------
    def _add_quote(self, doc_pk: int, doc: Document, q: Quote, entities: dict[str, Entity],
                   persons: dict[str, int]) -> None:
        """One quote source; the quote row is shared with every article repeating the same words."""
        person = persons.get(q.speaker_entity or "")
        speaker = (q.speaker_name or (entities[q.speaker_entity].name if q.speaker_entity in entities
                                      else None))
        if person is None and q.speaker_name and q.speaker_name.strip() and q.speaker_name[:1].isupper():
            person = self._person(q.speaker_name.strip(), "PERSON")
            if person is not None:
                self._link(doc_pk, f"~{q.id}", person, q.speaker_name.strip())
        qk = quote_key(q.text, self._speaker_key(person, speaker)) if q.text.strip() else f"{doc.id}\x1f{q.id}"
        # words are said on or before the day they are published: a later said_on is a misreading
        date = q.said_on if q.said_on and _FULL_DAY.match(q.said_on) and q.said_on <= doc.dct else doc.dct
        qpk = self._quote_row(qk, q, person, speaker, date)
        start = q.spans[0][0] if q.spans else None
        end = q.spans[-1][1] if q.spans else None
        self.conn.execute("INSERT OR REPLACE INTO quote_sources(doc_pk, qid, quote_pk, person_pk, speaker, kind, "
                          "said_on, date, start, \"end\", cue, medium) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                          (doc_pk, q.id, qpk, person, speaker, q.kind, q.said_on, date, start, end,
                           q.cue.text if q.cue else None, q.medium))
        self._refresh_quote(qpk)

    def _speaker_key(self, person: int | None, speaker: str | None) -> str:
        """Who a quote is keyed to: the person's surname (or org key), else the name as given."""
        if person is not None:
            prow = self.conn.execute("SELECT key, surname FROM people WHERE pk = ?", (person,)).fetchone()
            return prow["surname"] if prow["surname"] is not None else prow["key"]
        return "?" + (speaker or "").lower()

    def _quote_row(self, qk: str, q: Quote, person: int | None, speaker: str | None, date: str) -> int:
        """The pk of the quote with key ``qk``, created (and indexed) when new. Sources of one quote may
        spell it differently (case, punctuation); the stored text is the least of their spellings, so
        it does not depend on the order the articles were ingested in."""
        c = self.conn
        row = c.execute("SELECT pk, text FROM quotes WHERE qkey = ?", (qk,)).fetchone()
        if row:
            if q.text < row[1]:
                c.execute("INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', ?, ?)", (row[0], row[1]))
                c.execute("UPDATE quotes SET text = ? WHERE pk = ?", (q.text, row[0]))
                c.execute("INSERT INTO quotes_fts(rowid, text) VALUES (?,?)", (row[0], q.text))
            return row[0]
        qpk = c.execute("INSERT INTO quotes(qkey, text, kind, person_pk, speaker, date, n_sources) "
                        "VALUES (?,?,?,?,?,?,1)", (qk, q.text, q.kind, person, speaker, date)).lastrowid
        c.execute("INSERT INTO quotes_fts(rowid, text) VALUES (?,?)", (qpk, q.text))
        return qpk

    def _add_event(self, doc_pk: int, doc: Document, ev: Event, persons: dict[str, int]) -> None:
        c = self.conn
        epk = c.execute("INSERT INTO events(doc_pk, eid, date, day, text, trigger, start, \"end\") "
                        "VALUES (?,?,?,?,?,?,?,?)",
                        (doc_pk, ev.id, ev.date, day_of(ev.date, doc.dct), ev.text, ev.trigger,
                         ev.start, ev.end)).lastrowid
        c.execute("INSERT INTO events_fts(rowid, text) VALUES (?,?)", (epk, ev.text))
        for a in ev.actors:
            if a in persons:
                c.execute("INSERT OR IGNORE INTO event_people(event_pk, person_pk) VALUES (?,?)",
                          (epk, persons[a]))

    def _refresh_quote(self, qpk: int) -> None:
        """Recompute a quote from its sources (earliest date, count, the most specific speaker), or drop it."""
        c = self.conn
        srcs = c.execute("SELECT qs.date, qs.person_pk, qs.speaker, p.first FROM quote_sources qs "
                         "LEFT JOIN people p ON p.pk = qs.person_pk WHERE qs.quote_pk = ?", (qpk,)).fetchall()
        if not srcs:
            old = c.execute("SELECT text FROM quotes WHERE pk = ?", (qpk,)).fetchone()
            if old:
                c.execute("INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', ?, ?)", (qpk, old[0]))
                c.execute("DELETE FROM quotes WHERE pk = ?", (qpk,))
            return
        named = [s for s in srcs if s["person_pk"] is not None]
        best = min(named, key=lambda s: (-len(s["first"] or ""), s["person_pk"])) if named else None
        speaker = best["speaker"] if best else min((s["speaker"] or "" for s in srcs), default="") or None
        c.execute("UPDATE quotes SET date = ?, n_sources = ?, person_pk = ?, speaker = ? WHERE pk = ?",
                  (min(s["date"] for s in srcs), len(srcs), best["person_pk"] if best else None, speaker, qpk))

    def _remove_rows(self, doc_pk: int) -> None:
        """Take a document's rows out (before replacing it); quotes and people are settled after."""
        c = self.conn
        old = c.execute("SELECT title, text FROM documents WHERE pk = ?", (doc_pk,)).fetchone()
        c.execute("INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                  (doc_pk, old["title"], old["text"]))
        for (ppk,) in c.execute("SELECT person_pk FROM doc_people WHERE doc_pk = ?", (doc_pk,)).fetchall():
            self._touch_person(ppk)
        qpks = [r[0] for r in c.execute("SELECT quote_pk FROM quote_sources WHERE doc_pk = ?", (doc_pk,))]
        c.execute("DELETE FROM quote_sources WHERE doc_pk = ?", (doc_pk,))
        for qpk in qpks:
            self._refresh_quote(qpk)
        for ev in c.execute("SELECT pk, text FROM events WHERE doc_pk = ?", (doc_pk,)).fetchall():
            c.execute("INSERT INTO events_fts(events_fts, rowid, text) VALUES ('delete', ?, ?)", (ev[0], ev[1]))
            c.execute("DELETE FROM event_people WHERE event_pk = ?", (ev[0],))
        c.execute("DELETE FROM events WHERE doc_pk = ?", (doc_pk,))
        c.execute("DELETE FROM doc_people WHERE doc_pk = ?", (doc_pk,))
        self._remove_story_rows(doc_pk)

    # -- people ------------------------------------------------------------------------------------
    def _person(self, name: str, label: str) -> int | None:
        """The person row for a name (created when new); None when the name names nobody."""
        found = entity_key(name, label)
        if found is None:
            return None
        key, surname, first = found
        if surname is None:
            label = key.split(":", 1)[0].upper()          # e.g. a "person" named like a company
        c = self.conn
        row = c.execute("SELECT pk FROM people WHERE key = ?", (key,)).fetchone()
        if row:
            pk = row[0]
        else:
            base = slug(key)
            pid, n = base, 1
            while c.execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone():
                n += 1
                pid = f"{base}-{n}"
            pk = c.execute("INSERT INTO people(id, key, label, surname, first, root_pk, name) "
                           "VALUES (?,?,?,?,?,0,?)", (pid, key, label, surname, first, name)).lastrowid
            c.execute("UPDATE people SET root_pk = pk WHERE pk = ?", (pk,))
        self._pending.people.add(pk)
        if surname is not None:
            self._pending.surnames.add(surname)
        return pk

    def _touch_person(self, ppk: int) -> None:
        row = self.conn.execute("SELECT surname FROM people WHERE pk = ?", (ppk,)).fetchone()
        if row:
            self._pending.people.add(ppk)
            if row[0] is not None:
                self._pending.surnames.add(row[0])

    def _settle(self) -> None:
        """Merge partial names (surname only, initial) into the one full name that fits, if exactly one
        does; recount; drop people no document mentions any more. Deterministic in the stored set."""
        c = self.conn
        pend, self._pending = self._pending, _Pending(set(), set())
        touched = set(pend.people)
        for surname in sorted(pend.surnames):
            rows = c.execute("SELECT pk, first, root_pk FROM people WHERE surname = ? AND label = 'PERSON' "
                             "ORDER BY pk", (surname,)).fetchall()
            alive = [r for r in rows if _mentioned(c, r["pk"])]
            fulls = [(r["pk"], r["first"], _n_docs(c, r["pk"])) for r in alive if is_full_first(r["first"])]
            for r in rows:
                touched.add(r["pk"])
                root = r["pk"]
                if not is_full_first(r["first"]):
                    root = merge_target(r["first"], fulls) or root      # names.merge_target: the rule
                if root != r["root_pk"]:
                    c.execute("UPDATE people SET root_pk = ? WHERE pk = ?", (root, r["pk"]))
        for ppk in sorted(touched):
            self._recount(ppk)

    def _recount(self, ppk: int) -> None:
        c = self.conn
        if not _mentioned(c, ppk):
            c.execute("DELETE FROM people WHERE pk = ?", (ppk,))
            return
        n_q = c.execute("SELECT COUNT(DISTINCT quote_pk) FROM quote_sources WHERE person_pk = ?", (ppk,)).fetchone()[0]
        n_d = c.execute("SELECT COUNT(DISTINCT doc_pk) FROM doc_people WHERE person_pk = ?", (ppk,)).fetchone()[0]
        tq = c.execute("SELECT COUNT(DISTINCT qs.quote_pk) FROM quote_sources qs JOIN people p "
                       "ON p.pk = qs.person_pk WHERE p.root_pk = ?", (ppk,)).fetchone()[0]
        td = c.execute("SELECT COUNT(DISTINCT dp.doc_pk) FROM doc_people dp JOIN people p "
                       "ON p.pk = dp.person_pk WHERE p.root_pk = ?", (ppk,)).fetchone()[0]
        label = c.execute("SELECT label FROM people WHERE pk = ?", (ppk,)).fetchone()[0]
        counts: dict[str, int] = {}
        for raw, n in c.execute("SELECT name, COUNT(*) FROM doc_people WHERE person_pk = ? GROUP BY name", (ppk,)):
            shown = display_name(raw) if label == "PERSON" else raw
            counts[shown] = counts.get(shown, 0) + n
        name = min(counts, key=lambda k: (-counts[k], -len(k), k)) if counts else ""
        c.execute("UPDATE people SET n_quotes=?, n_docs=?, n_quotes_total=?, n_docs_total=?, name=? WHERE pk=?",
                  (n_q, n_d, tq, td, name, ppk))


def _n_docs(c: sqlite3.Connection, ppk: int) -> int:
    return c.execute("SELECT COUNT(DISTINCT doc_pk) FROM doc_people WHERE person_pk = ?", (ppk,)).fetchone()[0]


def _mentioned(c: sqlite3.Connection, ppk: int) -> bool:
    return (c.execute("SELECT 1 FROM doc_people WHERE person_pk = ? LIMIT 1", (ppk,)).fetchone() is not None
            or c.execute("SELECT 1 FROM quote_sources WHERE person_pk = ? LIMIT 1", (ppk,)).fetchone() is not None)


def _dumps(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))
