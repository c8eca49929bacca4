"""``build_story``: articles in, a dated story out (pure; the store and the evaluation both call it).

1. the pool: the articles published within ``since``..``until``, in (date, id) order;
2. the days: every day within the bounds that an article names (day-level only) or was published on,
   ranked by the evidence (``dates.rank_days``);
3. the sentences: for the best days in rank order, up to ``sents`` sentences each
   (``sentences.choose``), a day with no fit sentence skipped, until ``dates`` days have one;
4. the entries, in date order, each with the source of each sentence, the quotes said that day and
   the evidence that chose the day.
"""
from __future__ import annotations

from typing import Sequence

from . import sentences as S
from .dates import day_evidence, in_range, rank_days
from .model import StoryModel, load_model
from .records import Entry, Source, Story, StoryArticle

MAX_QUOTES = 5          # quotes shown with an entry
SPARE_DAYS = 1.5        # days considered per day wanted (some have no fit sentence)


def build_story(articles: Sequence[StoryArticle], query: str = "", dates: int = 10, sents: int = 2,
                since: str | None = None, until: str | None = None, model: StoryModel | None = None) -> Story:
    """The story of ``articles``: at most ``dates`` entries of at most ``sents`` sentences each."""
    if dates < 1 or sents < 1:
        raise ValueError(f"expected dates >= 1 and sents >= 1, found {dates} and {sents}")
    model = model or load_model()
    pool = sorted((a for a in articles if in_range(a.dct, since, until)), key=lambda a: (a.dct, a.id))
    evidence = day_evidence(pool, since, until)
    ranked = rank_days(evidence, model.date_weights)
    considered = [d for d, _ in ranked[:int(dates * SPARE_DAYS) + 5]]
    by_day = S.candidates(pool, set(considered))
    S.score_all(pool, by_day, query, model.sentence_weights)
    score = dict(ranked)
    said: dict[str, list] = {}
    for ai, a in enumerate(pool):
        for q in a.quotes:
            if q.said_on in by_day:
                said.setdefault(q.said_on, []).append((ai, q))
    taken: list[tuple[dict[str, float], float]] = []
    entries = []
    for day in considered:
        chosen = S.choose(by_day[day], sents, taken)
        if chosen:
            entries.append(_entry(day, chosen, pool, said.get(day, []), evidence[day], score[day]))
            if len(entries) >= dates:
                break
    entries.sort(key=lambda e: e.date)
    return Story(query=query, entries=tuple(entries), articles=len(pool))


def _entry(day: str, chosen: list[S.Candidate], pool: Sequence[StoryArticle], said: list, ev,
           score: float) -> Entry:
    srcs = tuple(_source(pool[c.article]) for c in chosen)
    used = {c.article for c in chosen}
    quotes, seen = [], set()
    said = sorted(said, key=lambda aq: (aq[0] not in used, aq[1].speaker is None, aq[0], aq[1].sentence))
    for ai, q in said:
        key = " ".join(q.text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        a = pool[ai]
        quotes.append({"text": q.text, "speaker": q.speaker, "article": a.id, "outlet": a.outlet, "date": a.dct})
        if len(quotes) >= MAX_QUOTES:
            break
    why = {"published": ev.get("published", 0), "mentioned_by": ev.get("articles", 0),
           "referred_back": ev.get("later", 0), "quotes": ev.get("quotes", 0), "score": round(score, 4)}
    return Entry(day, tuple(pool[c.article].sentences[c.sentence] for c in chosen), srcs, tuple(quotes), why)


def _source(a: StoryArticle) -> Source:
    return Source(article=a.id, outlet=a.outlet, date=a.dct, title=a.title)
