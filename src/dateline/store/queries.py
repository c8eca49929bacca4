"""The reading half of ``Store``: documents back as JSON, and the newsroom questions — quotes by
speaker or by words, a person's or a story's timeline, the people listing. Read-only SQL; the query
arguments are checked here (``StoreError`` names what was expected and what was found)."""
from __future__ import annotations

import html
import json
import re
import sqlite3

from ..model import Document, from_dict
from ..stages.timeline import day_key, sort_key
from .timeline_cut import PLAUSIBLE_YEAR, KEEP, cut_entries
from .errors import NotFound, StoreError
from .names import entity_key

HI_START, HI_END = "\x02", "\x03"

# the first source of a quote (document id, title, quote id, offsets), joined by char(31)
_FIRST_SOURCE = ("(SELECT d.id || char(31) || IFNULL(d.title, '') || char(31) || qs.qid || char(31) || "
                 "IFNULL(qs.start, '') || char(31) || IFNULL(qs.\"end\", '') FROM quote_sources qs "
                 "JOIN documents d ON d.pk = qs.doc_pk WHERE qs.quote_pk = qu.pk "
                 "ORDER BY qs.date, d.dct, d.id, qs.qid LIMIT 1) AS src")


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


class Queries:
    """The read methods; mixed into ``Store``, which provides ``conn`` and ``version``."""

    conn: sqlite3.Connection
    version: int

    # -- documents ---------------------------------------------------------------------------------
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
            fq = _fts_or_error(q)
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

    # -- people ------------------------------------------------------------------------------------
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

    # -- quotes ------------------------------------------------------------------------------------
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
        _add_dates("qu.date", since, until, where, args)
        sel = ("qu.pk, qu.text, qu.kind, qu.date, qu.n_sources, qu.speaker, r.id AS pid, r.name AS pname")
        frm = "quotes qu LEFT JOIN people p ON p.pk = qu.person_pk LEFT JOIN people r ON r.pk = p.root_pk"
        order = "qu.date, qu.pk"
        if q:
            sel, frm, order = self._quotes_matching(q, bool(speaker or since or until), sel, frm, where, args)
        sql = f"SELECT {sel} FROM {frm}" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.conn.execute(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", (*args, size + 1, off)).fetchall()
        more = len(rows) > size
        rows = rows[:size]
        snips = self._snippets(q, rows) if q and rows and "snip" not in rows[0].keys() else {}
        items = [self._quote_item(r, q, snips) for r in rows]
        return {"page": page, "page_size": size, "has_more": more, "items": items,
                "person": person}

    def _quotes_matching(self, q: str, filtered: bool, sel: str, frm: str, where: list,
                         args: list) -> tuple[str, str, str]:
        """The full-text part of ``quotes``: puts the MATCH first in ``where``/``args`` and returns the
        select list, the FROM clause and the order, chosen by how many quotes the words match."""
        fq = _fts_or_error(q)
        n = self._fts_count("quotes_fts", fq, 20000)
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
        return sel, frm, order

    def _snippets(self, q: str, rows: list[sqlite3.Row]) -> dict[int, str]:
        """Quote pk -> FTS snippet, for rows selected without one."""
        ids = [r["pk"] for r in rows]
        return dict(self.conn.execute(
            f"SELECT rowid, snippet(quotes_fts, 0, '{HI_START}', '{HI_END}', '…', 24) FROM quotes_fts "
            f"WHERE quotes_fts MATCH ? AND rowid IN ({_marks(ids)})", (fts_query(q), *ids)).fetchall())

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

    # -- timelines ---------------------------------------------------------------------------------
    def timeline(self, person: str | None = None, q: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int = 500, keep: str = "relevant") -> dict:
        """Quotes and events, by date: a person's (merged group), or those matching words. At most
        ``limit`` entries; when more match, ``keep`` says which: "relevant" (with words: the best
        full-text matches; for a person: the quotes most articles carry, the latest events),
        "earliest" or "latest"; ``truncated`` is true exactly when entries were left out."""
        since, until = check_date(since, "since"), check_date(until, "until")
        if not person and not q:
            raise StoreError("timeline: expected person= or q=")
        if keep not in KEEP:
            raise StoreError(f"keep: expected one of {', '.join(KEEP)}, found {keep!r}")
        if not isinstance(limit, int) or not 1 <= limit <= 100_000:
            raise StoreError(f"limit: expected a whole number 1..100000, found {limit!r}")
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
            fq = _fts_or_error(q)
            qfrm = "quotes_fts f JOIN quotes qu ON qu.pk = f.rowid"
            qwhere.insert(0, "quotes_fts MATCH ?")
            qargs.insert(0, fq)
            efrm = "events_fts g JOIN events ev ON ev.pk = g.rowid"
            ewhere.insert(0, "events_fts MATCH ?")
            eargs.insert(0, fq)
        _add_dates("qu.date", since, until, qwhere, qargs)
        _add_dates("ev.day", since, until, ewhere, eargs)
        ewhere.append(PLAUSIBLE_YEAR)
        qorder, eorder = self._timeline_order(keep, person, q)
        qrows = self._timeline_quotes(qfrm, qwhere, qargs, qorder, limit + 1)
        erows = self._timeline_events(efrm, ewhere, eargs, eorder, limit + 1)
        qs, es = [_quote_entry(r) for r in qrows], [_event_entry(r) for r in erows]
        entries = cut_entries(qs, es, limit, keep)
        entries.sort(key=lambda e: (sort_key(e["period"]), e["kind"] != "event", e["document"], e["ref"]))
        return {"person": found, "q": q, "keep": keep, "entries": entries,
                "truncated": len(qs) + len(es) > limit}

    def _timeline_order(self, keep: str, person: str | None, q: str | None) -> tuple[str, str]:
        """ORDER BY of the quotes and of the events, best first for ``keep``."""
        if keep == "earliest":
            return "qu.date, qu.pk", "ev.day, d.id, ev.pk"
        if keep == "latest":
            return "qu.date DESC, qu.pk DESC", "ev.day DESC, d.id DESC, ev.pk DESC"
        if q and not person:
            fq = fts_query(q)
            # ranking every match of a very common word is slow: then the most recently stored
            return ("f.rowid DESC" if self._common("quotes_fts", fq, 5000) else "f.rank, qu.pk",
                    "g.rowid DESC" if self._common("events_fts", fq, 5000) else "g.rank, ev.pk")
        return "qu.n_sources DESC, qu.date DESC, qu.pk", "ev.day DESC, d.id, ev.pk"

    def _timeline_quotes(self, frm: str, where: list, args: list, order: str, limit: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            f"SELECT qu.pk, qu.text, qu.kind, qu.date, qu.n_sources, qu.speaker, r.id AS pid, r.name AS pname, "
            f"{_FIRST_SOURCE} FROM {frm} LEFT JOIN people p ON p.pk = qu.person_pk "
            f"LEFT JOIN people r ON r.pk = p.root_pk "
            f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?", (*args, limit)).fetchall()

    def _timeline_events(self, frm: str, where: list, args: list, order: str, limit: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            f"SELECT ev.pk, ev.eid, ev.date, ev.day, ev.text, ev.trigger, ev.start, ev.\"end\", d.id AS doc, "
            f"d.title, d.dct, (SELECT group_concat(name, char(31)) FROM (SELECT DISTINCT rt.name AS name "
            f"FROM event_people ep JOIN people p ON p.pk = ep.person_pk JOIN people rt ON rt.pk = p.root_pk "
            f"WHERE ep.event_pk = ev.pk ORDER BY rt.name)) AS actors "
            f"FROM {frm} JOIN documents d ON d.pk = ev.doc_pk WHERE {' AND '.join(where)} "
            f"ORDER BY {order} LIMIT ?", (*args, limit)).fetchall()


def _quote_entry(r: sqlite3.Row) -> dict:
    doc, title, qid, start, end = r["src"].split("\x1f")
    return {"kind": "quote", "day": r["date"], "date": r["date"], "period": r["date"], "text": r["text"],
            "speaker": r["pname"] or r["speaker"], "person_id": r["pid"],
            "quote_kind": r["kind"], "n_sources": r["n_sources"], "document": doc,
            "title": title, "ref": qid, "start": int(start) if start else None,
            "end": int(end) if end else None}


def _event_entry(r: sqlite3.Row) -> dict:
    actors = r["actors"].split("\x1f") if r["actors"] else []
    return {"kind": "event", "day": r["day"], "date": r["date"], "period": day_key(r["date"]) or r["day"],
            "text": r["text"],
            "trigger": r["trigger"], "actors": actors, "document": r["doc"],
            "title": r["title"], "ref": r["eid"], "start": r["start"], "end": r["end"]}


def _fts_or_error(q: str) -> str:
    fq = fts_query(q)
    if fq is None:
        raise StoreError(f"q: expected words to search for, found {q!r}")
    return fq


def _add_dates(col: str, since: str | None, until: str | None, where: list, args: list) -> None:
    """``col`` on or after ``since`` and on or before the end of ``until``."""
    if since:
        where.append(f"{col} >= ?")
        args.append(since)
    if until:
        where.append(f"{col} <= ?")
        args.append(until_bound(until))


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
