"""The story's frozen records: what an article contributes (``StoryArticle``) and what a story is made
of (``Entry``, ``Story``). Plain data, JSON-ready through ``to_dict``; dates are ``YYYY-MM-DD``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class DayMention:
    """A time expression of the article that names one calendar day, in sentence ``sentence``."""
    sentence: int
    day: str                    # YYYY-MM-DD
    explicit: bool              # written with digits ("April 20"), not relative ("Tuesday", "yesterday")


@dataclass(frozen=True, slots=True)
class StoryQuote:
    sentence: int               # the sentence its words start in
    text: str
    speaker: str | None
    said_on: str | None         # YYYY-MM-DD when the words are dated to a day, else None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """What the story needs of one processed article: its sentences, the days they name, its quotes."""
    id: str
    dct: str
    outlet: str = ""
    title: str = ""
    sentences: tuple[str, ...] = ()
    mentions: tuple[DayMention, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    article: str
    outlet: str
    date: str                   # the article's publication date
    title: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated entry: its sentences, where they come from, the day's quotes, why the day was chosen."""
    date: str
    sentences: tuple[str, ...]
    sources: tuple[Source, ...]
    quotes: tuple[dict, ...] = ()
    why: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "sentences": list(self.sentences),
                "sources": [asdict(s) for s in self.sources], "quotes": [dict(q) for q in self.quotes],
                "why": dict(self.why)}


@dataclass(frozen=True, slots=True)
class Story:
    query: str
    entries: tuple[Entry, ...]
    articles: int               # how many articles the story was built from

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "articles": self.articles, "entries": [e.to_dict() for e in self.entries]}
