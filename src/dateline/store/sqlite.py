"""The embedded store: SQLite + FTS5, no server.

``Store.put(doc)`` writes one processed Document (rows come from ``model.to_dict``), ``get(id)`` reads it
back; the query methods answer the newsroom questions (quotes, people, timelines). Writes happen in
batches: ``with store.batch(): ...`` is one transaction, each ``put`` inside it a savepoint, and the
cross-article merges (people by surname, quote counts) are settled before the batch commits, so every
committed state is a pure function of the documents stored, whatever the batch boundaries.

Nothing here reads the clock: dates come from the documents.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..stages.timeline import period_start
from ..model import SCHEMA_VERSION, Document, from_dict, to_dict
from .names import display_name, entity_key, is_full_first, quote_key, slug

HERE = Path(__file__).parent
DB_VERSION = 2                      # schema.sql is version 1; migrations/NNNN_*.sql bring it here
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HI_START, HI_END = "\x02", "\x03"


class StoreError(Exception):
    """A bad query argument (unknown id, bad date, ...): the edges turn it into a 4xx or an error line."""


class NotFound(StoreError):
    pass


def content_hash(doc: Document) -> str:
    """Hash of the input: id, dct, text and meta (what decides whether a stored document changed)."""
    blob = json.dumps({"id": doc.id, "dct": doc.dct, "text": doc.text, "meta": dict(doc.meta)},
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def day_of(value: str | None, fallback: str) -> str:
    """First day a TIMEX3 value covers ("1987-03" -> "1987-03-01", "1987-W10" -> its Monday, "1987-Q2"
    -> "1987-04-01"); the fallback (the dct) when it names no day on the calendar (PAST_REF, P2D...)."""
    return period_start(value) or fallback


def check_date(value: str | None, name: str) -> str | None:
    """Validate a YYYY[-MM[-DD]] query bound; returns a comparable YYYY-MM-DD or None."""
    if value is None or value == "":
        return None
    import datetime as _dt
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        raise StoreError(f"{name}: expected a date YYYY-MM-DD (or YYYY-MM, YYYY), found {value!r}")
    try:
        _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise StoreError(f"{name}: {value!r} is not a calendar date") from None
    return value.strip()


def until_bound(value: str | None) -> str | None:
    """An inclusive upper bound: "1987-03" covers the whole month."""
    if value is None:
        return None
    return value + "-99" if len(value) == 7 else value + "-99-99" if len(value) == 4 else value


def fts_query(words: str) -> str | None:
    """User words -> a safe FTS5 query (every word must occur; ``word*`` is a prefix)."""
    terms = []
    for tok in re.findall(r"[\w'’-]+\*?", words or ""):
        star = tok.endswith("*")
        tok = tok.rstrip("*").replace('"', "")
        if tok.strip("'’-"):
            terms.append(f'"{tok}"' + ("*" if star else ""))
    return " ".join(terms) if terms else None


def snippet_html(raw: str) -> str:
    """FTS5 snippet with private markers -> escaped HTML with <mark>."""
    return html.escape(raw).replace(HI_START, "<mark>").replace(HI_END, "</mark>")


def _migrations() -> list[tuple[int, str, str]]:
    out = []
    for p in sorted((HERE / "migrations").glob("*.sql")):
        m = re.match(r"(\d+)_(.+)\.sql$", p.name)
        if m:
            out.append((int(m.group(1)), m.group(2), p.read_text(encoding="utf-8")))
    return out


@dataclass
class _Pending:
    surnames: set
    people: set


class Store:
    """One SQLite file. ``readonly=True`` opens it with ``mode=ro`` (the server without a token)."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self._local = threading.local()
        self._pending = _Pending(set(), set())
        self._in_batch = False
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"no database at {self.path}; create it with 'dateline ingest ... --db {self.path}'")
            self.version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if self.version < DB_VERSION:
                raise StoreError(f"{self.path}: schema version {self.version}, this dateline needs {DB_VERSION}; "
                                 "open it once for writing (dateline ingest) to migrate")
        else:
            self.version = self.migrate()

    # -- connections -------------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            if self.readonly:
                uri = "file:" + Path(self.path).resolve().as_posix() + "?mode=ro"
                c = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
                c.execute("PRAGMA query_only = ON")
            else:
                c = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                c.execute("PRAGMA journal_mode = WAL")
                c.execute("PRAGMA synchronous = NORMAL")
                c.execute("PRAGMA foreign_keys = OFF")
            c.execute("PRAGMA busy_timeout = 10000")
            c.execute("PRAGMA cache_size = -65536")
            c.execute("PRAGMA temp_store = MEMORY")
            c.row_factory = sqlite3.Row
            self._local.conn = c
        return c

    def close(self) -> None:
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> int:
        c = self.conn
        version = c.execute("PRAGMA user_version").fetchone()[0]
        steps: list[tuple[int, str, str]] = []
        if version == 0:
            steps.append((1, "initial", (HERE / "schema.sql").read_text(encoding="utf-8")))
        steps += [m for m in _migrations() if m[0] > max(version, 1 if version == 0 else version)]
        if version > DB_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this dateline ({DB_VERSION})")
        for num, name, sql in steps:
            c.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _split_sql(sql):
                    c.execute(stmt)
                c.execute("INSERT INTO schema_version(version, name) VALUES (?, ?)", (num, name))
                c.execute(f"PRAGMA user_version = {int(num)}")
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            version = num
        row = c.execute("SELECT value FROM store_meta WHERE key = 'model_schema_version'").fetchone()
        if row is None or row[0] != str(SCHEMA_VERSION):
            c.execute("INSERT OR REPLACE INTO store_meta(key, value) VALUES ('model_schema_version', ?)",
                      (str(SCHEMA_VERSION),))
        return version

    # -- writing -----------------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator["Store"]:
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
        d = to_dict(doc)
        text = d.pop("text")
        title = str(doc.meta.get("title") or "")
        c.execute("SAVEPOINT put_doc")
        try:
            if row is not None:
                pk = row["pk"]
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
            c.execute("RELEASE put_doc")
        except BaseException:
            c.execute("ROLLBACK TO put_doc")
            c.execute("RELEASE put_doc")
            raise
        return "replaced" if row is not None else "new"

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

    def _add_rows(self, doc_pk: int, doc: Document) -> None:
        c = self.conn
        entities = {e.id: e for e in doc.entities}
        persons: dict[str, int] = {}
        spoke = {q.speaker_entity for q in doc.quotes if q.speaker_entity}
        for e in doc.entities:
            if (e.label == "PERSON" or e.id in spoke) and e.name.strip():
                ppk = self._person(e.name.strip(), e.label)
                if ppk is None:
                    continue
                persons[e.id] = ppk
                c.execute("INSERT OR REPLACE INTO doc_people(doc_pk, entity, person_pk, name) VALUES (?,?,?,?)",
                          (doc_pk, e.id, persons[e.id], e.name.strip()))
        for q in doc.quotes:
            person = persons.get(q.speaker_entity or "")
            speaker = (q.speaker_name or (entities[q.speaker_entity].name if q.speaker_entity in entities
                                          else None))
            if person is None and q.speaker_name and q.speaker_name.strip() and q.speaker_name[:1].isupper():
                person = self._person(q.speaker_name.strip(), "PERSON")
                if person is not None:
                    c.execute("INSERT OR REPLACE INTO doc_people(doc_pk, entity, person_pk, name) VALUES (?,?,?,?)",
                              (doc_pk, f"~{q.id}", person, q.speaker_name.strip()))
            if person is not None:
                prow = c.execute("SELECT key, surname FROM people WHERE pk = ?", (person,)).fetchone()
                spk = prow["surname"] if prow["surname"] is not None else prow["key"]
            else:
                spk = "?" + (speaker or "").lower()
            qk = quote_key(q.text, spk) if q.text.strip() else f"{doc.id}\x1f{q.id}"
            # words are said on or before the day they are published: a later said_on is a misreading
            date = q.said_on if q.said_on and _FULL_DAY.match(q.said_on) and q.said_on <= doc.dct else doc.dct
            row = c.execute("SELECT pk FROM quotes WHERE qkey = ?", (qk,)).fetchone()
            if row:
                qpk = row[0]
            else:
                qpk = c.execute("INSERT INTO quotes(qkey, text, kind, person_pk, speaker, date, n_sources) "
                                "VALUES (?,?,?,?,?,?,1)", (qk, q.text, q.kind, person, speaker, date)).lastrowid
                c.execute("INSERT INTO quotes_fts(rowid, text) VALUES (?,?)", (qpk, q.text))
            start = q.spans[0][0] if q.spans else None
            end = q.spans[-1][1] if q.spans else None
            c.execute("INSERT OR REPLACE INTO quote_sources(doc_pk, qid, quote_pk, person_pk, speaker, kind, "
                      "said_on, date, start, \"end\", cue, medium) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                      (doc_pk, q.id, qpk, person, speaker, q.kind, q.said_on, date, start, end,
                       q.cue.text if q.cue else None, q.medium))
            self._refresh_quote(qpk)
        for ev in doc.events:
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
            fulls = [r for r in alive if is_full_first(r["first"])]
            for r in rows:
                touched.add(r["pk"])
                root = r["pk"]
                if not is_full_first(r["first"]):
                    fit = [f for f in fulls if f["first"].startswith(r["first"])]
                    if len(fit) == 1:
                        root = fit[0]["pk"]
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

    # -- reading -----------------------------------------------------------------------------------
    def get_dict(self, doc_id: str) -> dict:
        row = self.conn.execute("SELECT text, data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with id {doc_id!r}")
        d = json.loads(row["data"])
        out = {k: d[k] for k in ("schema_version", "id", "dct")}
        out["text"] = row["text"]
        out.update({k: v for k, v in d.items() if k not in out})
        return out

    def get(self, doc_id: str) -> Document:
        return from_dict(self.get_dict(doc_id))

    def person_links(self, doc_id: str) -> dict[str, str]:
        """Entity id in the document -> public person id (after merging)."""
        return {e: p["id"] for e, p in self.person_refs(doc_id).items()}

    def person_refs(self, doc_id: str) -> dict[str, dict]:
        """Entity id in the document ("~q1" for a speaker without one) -> {id, name} of the merged person."""
        rows = self.conn.execute(
            "SELECT dp.entity, r.id, r.name FROM documents d JOIN doc_people dp ON dp.doc_pk = d.pk "
            "JOIN people p ON p.pk = dp.person_pk JOIN people r ON r.pk = p.root_pk WHERE d.id = ?", (doc_id,))
        return {e: {"id": pid, "name": name} for e, pid, name in rows}

    def stats(self) -> dict:
        c = self.conn
        one = lambda sql: c.execute(sql).fetchone()[0]   # noqa: E731
        return {"documents": one("SELECT COUNT(*) FROM documents"),
                "quotes": one("SELECT COUNT(*) FROM quotes"),
                "quote_sources": one("SELECT COUNT(*) FROM quote_sources"),
                "people": one("SELECT COUNT(*) FROM people WHERE pk = root_pk"),
                "events": one("SELECT COUNT(*) FROM events"),
                "schema_version": self.version}

    def documents(self, page: int = 1, size: int = 20, q: str | None = None,
                  person: str | None = None) -> dict:
        c = self.conn
        size, off = _page(page, size)
        where, args, sel = [], [], "d.id, d.dct, d.title, d.n_quotes, substr(d.text, 1, 200) AS lead"
        frm = "documents d"
        order = "d.dct, d.id"
        if q:
            fq = fts_query(q)
            if fq is None:
                raise StoreError(f"q: expected words to search for, found {q!r}")
            frm = "documents_fts f JOIN documents d ON d.pk = f.rowid"
            where.append("documents_fts MATCH ?")
            args.append(fq)
            sel += f", snippet(documents_fts, 1, '{HI_START}', '{HI_END}', '…', 16) AS snip"
            order = "f.rowid DESC" if self._common("documents_fts", fq) else "f.rank, d.id"
        if person:
            group = self._group(person)
            where.append(f"d.pk IN (SELECT doc_pk FROM doc_people WHERE person_pk IN ({_marks(group)}))")
            args += group
        sql = f"SELECT {sel} FROM {frm}" + (" WHERE " + " AND ".join(where) if where else "")
        rows = c.execute(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", (*args, size + 1, off)).fetchall()
        items = [{"id": r["id"], "dct": r["dct"], "title": r["title"], "n_quotes": r["n_quotes"],
                  "lead": " ".join(r["lead"].split()),
                  **({"snippet_html": snippet_html(r["snip"])} if q else {})} for r in rows[:size]]
        return {"page": page, "page_size": size, "has_more": len(rows) > size, "items": items}

    def _fts_count(self, fts: str, fq: str, cap: int) -> int:
        """How many rows an FTS query matches, counting no further than ``cap``."""
        return self.conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",
                                 (fq, cap)).fetchone()[0]

    def _common(self, fts: str, fq: str, cap: int = 2000) -> bool:
        """True when an FTS query matches at least ``cap`` rows (ranking them all would be slow)."""
        return self._fts_count(fts, fq, cap) >= cap

    def find_people(self, name: str) -> list[dict]:
        """People (merge roots) a name may mean, best first: the id, the exact merge key, then the
        surname, then a substring of the display name."""
        c = self.conn
        name = (name or "").strip()
        if not name:
            raise StoreError("person: expected a name or a person id, found ''")
        cols = ("SELECT DISTINCT r.pk, r.id, r.name, r.label, r.n_quotes_total, r.n_docs_total "
                "FROM people p JOIN people r ON r.pk = p.root_pk WHERE ")
        tail = " ORDER BY r.n_quotes_total DESC, r.n_docs_total DESC, r.name, r.id LIMIT 50"
        rows = c.execute(cols + "p.id = ?" + tail, (name,)).fetchall()
        if not rows:
            found = entity_key(name, "PERSON")
            if found is not None:
                key, surname, first = found
                if surname is not None and not first:   # a surname alone: everyone with it, most quoted first
                    rows = c.execute(cols + "p.surname = ?" + tail, (surname,)).fetchall()
                else:
                    rows = c.execute(cols + "p.key = ?" + tail, (key,)).fetchall()
            if not rows:
                like = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                rows = c.execute(cols + "p.name LIKE ? ESCAPE '\\'" + tail, (like,)).fetchall()
        return [_person_row(r) for r in rows]

    def _group(self, person: str) -> list[int]:
        """Every person pk merged into the best match for ``person`` (NotFound when none)."""
        found = self.find_people(person)
        if not found:
            raise NotFound(f"no person matching {person!r}")
        return self._group_of(found[0]["pk"])

    def _group_of(self, root_pk: int) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT pk FROM people WHERE root_pk = ?", (root_pk,))]

    def people(self, page: int = 1, size: int = 50, label: str | None = None) -> dict:
        size, off = _page(page, size)
        where = "pk = root_pk" + (" AND label = ?" if label else "")
        rows = self.conn.execute(
            f"SELECT pk, id, name, label, n_quotes_total, n_docs_total FROM people INDEXED BY people_rank "
            f"WHERE {where} ORDER BY n_quotes_total DESC, n_docs_total DESC, name LIMIT ? OFFSET ?",
            (*([label] if label else []), size + 1, off)).fetchall()
        items = [_person_row(r) for r in rows[:size]]
        for it in items:
            it.pop("pk")
        return {"page": page, "page_size": size, "has_more": len(rows) > size, "items": items}

    def quotes(self, speaker: str | None = None, q: str | None = None, since: str | None = None,
               until: str | None = None, page: int = 1, size: int = 20) -> dict:
        since, until = check_date(since, "since"), check_date(until, "until")
        size, off = _page(page, size)
        where, args = [], []
        person = None
        if speaker:
            found = self.find_people(speaker)
            if not found:
                return {"page": page, "page_size": size, "has_more": False, "items": [], "person": None}
            person = found[0]
            group = self._group_of(person.pop("pk"))
            where.append(f"qu.person_pk IN ({_marks(group)})")
            args += group
        if since:
            where.append("qu.date >= ?")
            args.append(since)
        if until:
            where.append("qu.date <= ?")
            args.append(until_bound(until))
        sel = ("qu.pk, qu.text, qu.kind, qu.date, qu.n_sources, qu.speaker, r.id AS pid, r.name AS pname")
        frm = "quotes qu LEFT JOIN people p ON p.pk = qu.person_pk LEFT JOIN people r ON r.pk = p.root_pk"
        order = "qu.date, qu.pk"
        if q:
            fq = fts_query(q)
            if fq is None:
                raise StoreError(f"q: expected words to search for, found {q!r}")
            n = self._fts_count("quotes_fts", fq, 20000)
            filtered = bool(speaker or since or until)
            if filtered and n < 20000:
                # the matches as a set, then the filtered quotes by date probing it; snippets after
                where.insert(0, "qu.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
                args.insert(0, fq)
            else:
                if filtered:
                    # a very common word: walk the filtered quotes by date and stop at the page
                    frm = frm.replace("quotes qu", "quotes qu CROSS JOIN quotes_fts f ON f.rowid = qu.pk", 1)
                else:
                    frm = "quotes_fts f JOIN " + frm.replace("quotes qu", "quotes qu ON qu.pk = f.rowid", 1)
                where.insert(0, "quotes_fts MATCH ?")
                args.insert(0, fq)
                sel += f", snippet(quotes_fts, 0, '{HI_START}', '{HI_END}', '…', 24) AS snip"
            if filtered:
                order = "qu.date, qu.pk"
            elif n >= 2000:
                order = "f.rowid DESC"          # a common word: newest stored first, no ranking of all
            else:
                order = "f.rank, qu.pk"
        sql = f"SELECT {sel} FROM {frm}" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.conn.execute(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", (*args, size + 1, off)).fetchall()
        more = len(rows) > size
        rows = rows[:size]
        snips: dict[int, str] = {}
        if q and rows and "snip" not in rows[0].keys():
            ids = [r["pk"] for r in rows]
            snips = dict(self.conn.execute(
                f"SELECT rowid, snippet(quotes_fts, 0, '{HI_START}', '{HI_END}', '…', 24) FROM quotes_fts "
                f"WHERE quotes_fts MATCH ? AND rowid IN ({_marks(ids)})", (fts_query(q), *ids)).fetchall())
        items = [self._quote_item(r, q, snips) for r in rows]
        return {"page": page, "page_size": size, "has_more": more, "items": items,
                "person": person}

    def _quote_item(self, r: sqlite3.Row, q: str | None, snips: dict[int, str] | None = None) -> dict:
        srcs = self.conn.execute(
            "SELECT d.id, d.dct, d.title, qs.qid, qs.said_on, qs.start, qs.\"end\", qs.cue, qs.medium "
            "FROM quote_sources qs JOIN documents d ON d.pk = qs.doc_pk WHERE qs.quote_pk = ? "
            "ORDER BY qs.date, d.dct, d.id, qs.qid LIMIT 20", (r["pk"],)).fetchall()
        return {"text": r["text"], "kind": r["kind"], "date": r["date"],
                "speaker": r["pname"] or r["speaker"], "person_id": r["pid"],
                "n_sources": r["n_sources"],
                "snippet_html": (snippet_html(r["snip"] if "snip" in r.keys() else (snips or {}).get(r["pk"], r["text"]))
                                 if q else html.escape(r["text"])),
                "sources": [{"document": s["id"], "dct": s["dct"], "title": s["title"], "quote": s["qid"],
                             "said_on": s["said_on"], "start": s["start"], "end": s["end"], "cue": s["cue"],
                             "medium": s["medium"]} for s in srcs]}

    def timeline(self, person: str | None = None, q: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int = 500) -> dict:
        """Quotes and events, by date: a person's (merged group), or those matching words."""
        since, until = check_date(since, "since"), check_date(until, "until")
        if not person and not q:
            raise StoreError("timeline: expected person= or q=")
        c = self.conn
        found = None
        qwhere, qargs, ewhere, eargs = [], [], [], []
        qfrm, efrm = "quotes qu", "events ev"
        if person:
            people = self.find_people(person)
            if not people:
                raise NotFound(f"no person matching {person!r}")
            found = people[0]
            group = self._group_of(found.pop("pk"))
            qwhere.append(f"qu.person_pk IN ({_marks(group)})")
            qargs += group
            ewhere.append(f"ev.pk IN (SELECT event_pk FROM event_people WHERE person_pk IN ({_marks(group)}))")
            eargs += group
        if q:
            fq = fts_query(q)
            if fq is None:
                raise StoreError(f"q: expected words to search for, found {q!r}")
            qfrm = "quotes_fts f JOIN quotes qu ON qu.pk = f.rowid"
            qwhere.insert(0, "quotes_fts MATCH ?")
            qargs.insert(0, fq)
            efrm = "events_fts g JOIN events ev ON ev.pk = g.rowid"
            ewhere.insert(0, "events_fts MATCH ?")
            eargs.insert(0, fq)
        for col, w, a in (("qu.date", qwhere, qargs), ("ev.day", ewhere, eargs)):
            if since:
                w.append(f"{col} >= ?")
                a.append(since)
            if until:
                w.append(f"{col} <= ?")
                a.append(until_bound(until))
        # words matching very many rows: the most recently stored ones (sorted by date below), not a
        # date sort of every match
        qorder, eorder = "qu.date, qu.pk", "ev.day, d.id, ev.pk"
        if q and not person:
            if self._common("quotes_fts", fq, 5000):
                qorder = "f.rowid DESC"
            if self._common("events_fts", fq, 5000):
                eorder = "g.rowid DESC"
        first_src = ("(SELECT d.id || char(31) || IFNULL(d.title, '') || char(31) || qs.qid || char(31) || "
                     "IFNULL(qs.start, '') || char(31) || IFNULL(qs.\"end\", '') FROM quote_sources qs "
                     "JOIN documents d ON d.pk = qs.doc_pk WHERE qs.quote_pk = qu.pk "
                     "ORDER BY qs.date, d.dct, d.id, qs.qid LIMIT 1) AS src")
        qrows = c.execute(
            f"SELECT qu.pk, qu.text, qu.kind, qu.date, qu.n_sources, qu.speaker, r.id AS pid, r.name AS pname, "
            f"{first_src} FROM {qfrm} LEFT JOIN people p ON p.pk = qu.person_pk "
            f"LEFT JOIN people r ON r.pk = p.root_pk "
            f"WHERE {' AND '.join(qwhere)} ORDER BY {qorder} LIMIT ?", (*qargs, limit)).fetchall()
        erows = c.execute(
            f"SELECT ev.pk, ev.eid, ev.date, ev.day, ev.text, ev.trigger, ev.start, ev.\"end\", d.id AS doc, "
            f"d.title, d.dct, (SELECT group_concat(name, char(31)) FROM (SELECT DISTINCT rt.name AS name "
            f"FROM event_people ep JOIN people p ON p.pk = ep.person_pk JOIN people rt ON rt.pk = p.root_pk "
            f"WHERE ep.event_pk = ev.pk ORDER BY rt.name)) AS actors "
            f"FROM {efrm} JOIN documents d ON d.pk = ev.doc_pk WHERE {' AND '.join(ewhere)} "
            f"ORDER BY {eorder} LIMIT ?", (*eargs, limit)).fetchall()
        entries = []
        for r in qrows:
            doc, title, qid, start, end = r["src"].split("\x1f")
            entries.append({"kind": "quote", "day": r["date"], "date": r["date"], "text": r["text"],
                            "speaker": r["pname"] or r["speaker"], "person_id": r["pid"],
                            "quote_kind": r["kind"], "n_sources": r["n_sources"], "document": doc,
                            "title": title, "ref": qid, "start": int(start) if start else None,
                            "end": int(end) if end else None})
        for r in erows:
            actors = r["actors"].split("\x1f") if r["actors"] else []
            entries.append({"kind": "event", "day": r["day"], "date": r["date"], "text": r["text"],
                            "trigger": r["trigger"], "actors": actors, "document": r["doc"],
                            "title": r["title"], "ref": r["eid"], "start": r["start"], "end": r["end"]})
        entries.sort(key=lambda e: (e["day"], e["kind"] != "event", e["document"], e["ref"]))
        return {"person": found, "q": q, "entries": entries[:limit],
                "truncated": len(qrows) >= limit or len(erows) >= limit}

    # -- tests and tools ---------------------------------------------------------------------------
    def dump(self) -> dict[str, list[tuple]]:
        """Every regular table, rows sorted: equal dumps mean equal databases (FTS follows its content)."""
        c = self.conn
        names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                         "'CREATE VIRTUAL%' AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%' "
                                         "ORDER BY name")]
        out = {n: sorted(tuple(r) for r in c.execute(f'SELECT * FROM "{n}"')) for n in names}
        for fts in ("documents_fts", "quotes_fts", "events_fts"):
            out[fts + ":integrity"] = [tuple(c.execute(f"SELECT COUNT(*) FROM {fts}").fetchone())]
        return out


def _mentioned(c: sqlite3.Connection, ppk: int) -> bool:
    return (c.execute("SELECT 1 FROM doc_people WHERE person_pk = ? LIMIT 1", (ppk,)).fetchone() is not None
            or c.execute("SELECT 1 FROM quote_sources WHERE person_pk = ? LIMIT 1", (ppk,)).fetchone() is not None)


def _person_row(r: sqlite3.Row) -> dict:
    return {"pk": r["pk"], "id": r["id"], "name": r["name"], "label": r["label"],
            "n_quotes": r["n_quotes_total"], "n_documents": r["n_docs_total"]}


def _page(page: int, size: int) -> tuple[int, int]:
    if not isinstance(page, int) or page < 1:
        raise StoreError(f"page: expected a whole number >= 1, found {page!r}")
    if not isinstance(size, int) or not 1 <= size <= 500:
        raise StoreError(f"page_size: expected 1..500, found {size!r}")
    if page > 100_000:
        raise StoreError(f"page: expected at most 100000, found {page}")
    return size, (page - 1) * size


def _marks(items: list) -> str:
    return ",".join("?" * len(items)) or "NULL"


def _dumps(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _split_sql(sql: str) -> Iterable[str]:
    """The statements of a migration file, in order."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""
    if buf.strip() and not all(l.strip().startswith("--") or not l.strip() for l in buf.splitlines()):
        yield buf.strip()
