"""Story rows of the store: written with each document (sentence spans, day-level date mentions,
quotes by sentence; ``migrations/0003_story.sql``) and read back as ``StoryArticle`` records, so
``dateline story`` and ``GET /api/story`` build a story over thousands of articles without
re-running the pipeline. The story itself is ``story.build_story`` (the same call the evaluation makes).
"""
from __future__ import annotations

import json
import sqlite3
from functools import lru_cache

from ..model import Document
from ..story import StoryArticle, build_story, from_document
from ..story.evidence import clean
from ..story.model import load_model
from ..story.records import DayMention, StoryQuote
from .errors import StoreError
from .queries import check_date, fts_query, until_bound


@lru_cache(maxsize=1)
def _segmenter():
    from ..pipeline import Pipeline
    return Pipeline(["segment"])


def with_sentences(doc: Document) -> Document:
    """The document with its sentences (a Document read back from JSON has none: segment it again)."""
    return doc if doc.sentences or not doc.text else _segmenter()(doc)


class StoryRows:
    """Mixed into ``Store``, which provides ``conn``."""

    conn: sqlite3.Connection

    # -- writing -----------------------------------------------------------------------------------
    def _add_story_rows(self, doc_pk: int, doc: Document) -> None:
        doc = with_sentences(doc)
        art = from_document(doc)
        c = self.conn
        c.execute("INSERT OR REPLACE INTO story_docs(doc_pk, outlet, n_sentences) VALUES (?,?,?)",
                  (doc_pk, art.outlet, len(doc.sentences)))
        c.executemany('INSERT INTO story_sentences(doc_pk, idx, start, "end") VALUES (?,?,?,?)',
                      [(doc_pk, i, s.start, s.end) for i, s in enumerate(doc.sentences)])
        c.executemany("INSERT INTO story_days(doc_pk, sentence, day, explicit) VALUES (?,?,?,?)",
                      [(doc_pk, m.sentence, m.day, int(m.explicit)) for m in art.mentions])
        c.executemany("INSERT INTO story_quotes(doc_pk, sentence, text, speaker, said_on) VALUES (?,?,?,?,?)",
                      [(doc_pk, q.sentence, q.text, q.speaker, q.said_on) for q in art.quotes])

    def _remove_story_rows(self, doc_pk: int) -> None:
        for table in ("story_docs", "story_sentences", "story_days", "story_quotes"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_pk = ?", (doc_pk,))

    def backfill_story_rows(self) -> int:
        """Story rows for documents stored before schema version 3; how many were added."""
        from ..model import from_dict
        c = self.conn
        todo = [r[0] for r in c.execute("SELECT pk FROM documents WHERE pk NOT IN (SELECT doc_pk FROM story_docs)")]
        for pk in todo:
            row = c.execute("SELECT text, data FROM documents WHERE pk = ?", (pk,)).fetchone()
            d = json.loads(row["data"])
            d["text"] = row["text"]
            self._add_story_rows(pk, from_dict(d))
        return len(todo)

    # -- reading -----------------------------------------------------------------------------------
    def story_articles(self, q: str | None = None, since: str | None = None,
                       until: str | None = None) -> list[StoryArticle]:
        """The stored articles matching the words ``q`` (all of them without), published within
        ``since``..``until``, as the story reads them."""
        where, args = [], []
        if q:
            fq = fts_query(q)
            if fq is None:
                raise StoreError(f"q: expected words to search for, found {q!r}")
            where.append("d.pk IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            args.append(fq)
        if since:
            where.append("d.dct >= ?")
            args.append(since)
        if until:
            where.append("d.dct <= ?")
            args.append(until_bound(until))
        sql = ("SELECT d.pk, d.id, d.dct, d.title, d.text, IFNULL(s.outlet, '') AS outlet FROM documents d "
               "LEFT JOIN story_docs s ON s.doc_pk = d.pk" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY d.dct, d.id")
        docs = self.conn.execute(sql, args).fetchall()
        pks = json.dumps([r["pk"] for r in docs])
        spans = self._by_doc('SELECT doc_pk, start, "end" FROM story_sentences', pks, "doc_pk, idx")
        days = self._by_doc("SELECT doc_pk, sentence, day, explicit FROM story_days", pks, "doc_pk, rowid")
        quotes = self._by_doc("SELECT doc_pk, sentence, text, speaker, said_on FROM story_quotes", pks,
                              "doc_pk, rowid")
        out = []
        for r in docs:
            text = r["text"]
            out.append(StoryArticle(
                id=r["id"], dct=r["dct"], outlet=r["outlet"], title=clean(r["title"] or ""),
                sentences=tuple(clean(text[a:b]) for _, a, b in spans.get(r["pk"], ())),
                mentions=tuple(DayMention(s, d, bool(e)) for _, s, d, e in days.get(r["pk"], ())),
                quotes=tuple(StoryQuote(s, t, sp, so) for _, s, t, sp, so in quotes.get(r["pk"], ()))))
        return out

    def _by_doc(self, select: str, pks: str, order: str) -> dict[int, list[tuple]]:
        out: dict[int, list[tuple]] = {}
        for row in self.conn.execute(f"{select} WHERE doc_pk IN (SELECT value FROM json_each(?)) ORDER BY {order}",
                                     (pks,)):
            out.setdefault(row[0], []).append(tuple(row))
        return out

    def story(self, q: str | None = None, since: str | None = None, until: str | None = None,
              dates: int = 10, sents: int = 2, model: str = "rules") -> dict:
        """The story of the articles matching ``q``: ``{"query", "since", "until", "articles", "entries"}``."""
        since, until = check_date(since, "since"), check_date(until, "until")
        if not isinstance(dates, int) or not 1 <= dates <= 500:
            raise StoreError(f"dates: expected 1..500, found {dates!r}")
        if not isinstance(sents, int) or not 1 <= sents <= 10:
            raise StoreError(f"sents: expected 1..10, found {sents!r}")
        try:
            weights = load_model(model)
        except ValueError as e:
            raise StoreError(str(e)) from None
        story = build_story(self.story_articles(q, since, until), query=q or "", dates=dates, sents=sents,
                            since=_day(since), until=until_bound(until), model=weights)
        out = story.to_dict()
        return {"query": out["query"], "since": since, "until": until, "articles": out["articles"],
                "entries": out["entries"]}


def _day(value: str | None) -> str | None:
    """A lower bound as a day: "2010" -> "2010-01-01", "2010-05" -> "2010-05-01"."""
    if value is None:
        return None
    return value + "-01-01" if len(value) == 4 else value + "-01" if len(value) == 7 else value
