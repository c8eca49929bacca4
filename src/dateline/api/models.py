"""Response models of the HTTP API, so ``/openapi.json`` says what every endpoint returns.

They describe what the store and the pipeline already return (``Document.to_dict()`` and the
store's query results) and change nothing in it: every model allows extra fields, so a field added
by a later schema is passed through, not dropped. ``tests/edges/test_openapi_responses.py`` checks
live responses against the published schema.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Day = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="a day, YYYY-MM-DD")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- the document contract (schema_version 1) -------------------------------------------------------
class TextSpan(_Open):
    """A piece of the text: ``text == document.text[start:end]``."""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Timex(_Open):
    """A TimeML TIMEX3 with its value resolved against the publication date."""
    id: str = Field(pattern=r"^t[1-9][0-9]*$")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = Field(description="TIMEX3 value: 2020-10-14, P2W, XXXX-WXX-3, PAST_REF ...")
    anchor: str | None = Field(description="the timex it was resolved against (t0 = publication date)")
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    rule: str | None = Field(None, description="the rule that found it")


class EntityMention(_Open):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: Literal["name", "pronoun", "title", "description"] | None = None


class Entity(_Open):
    """A person, organisation or place of one article, with its mentions."""
    id: str = Field(pattern=r"^ent[1-9][0-9]*$")
    name: str
    type: str = Field(description="PERSON, ORG, GPE, WORK, EVENT or OTHER")
    mentions: list[EntityMention]
    attributes: dict[str, Any]


class Quote(_Open):
    """Who said what, and when, in one article."""
    id: str = Field(pattern=r"^q[1-9][0-9]*$")
    kind: Literal["direct", "indirect", "mixed"]
    spans: list[list[int]] = Field(description="content fragments [start, end), quote marks excluded")
    text: str
    speaker: TextSpan | None
    speaker_entity: str | None
    speaker_name: str | None
    cue: TextSpan | None
    medium: str | None
    said_on: str | None = Field(description="TIMEX3 value of the day the words were said")
    rule: str | None = None


class Event(_Open):
    """A dated happening in one article."""
    id: str = Field(pattern=r"^e[1-9][0-9]*$")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    date: str
    timex: str | None
    actors: list[str]
    trigger: str | None


class TimelineDate(_Open):
    """One date of an article's own timeline: ids of its events and quotes."""
    date: str
    events: list[str]
    quotes: list[str]


class Document(_Open):
    """One article in the public JSON contract (schema_version 1), as ``Document.to_dict()``."""
    schema_version: int
    id: str
    dct: str = Day
    text: str
    meta: dict[str, Any]
    timexes: list[Timex]
    entities: list[Entity]
    quotes: list[Quote]
    events: list[Event]
    timeline: list[TimelineDate]
    warnings: list[str] | None = None


class StoredDocument(Document):
    """A stored article: the contract plus the store's merged people."""
    person_ids: dict[str, str] = Field(description="entity id in the article (or ~q1) -> person id")
    people: dict[str, str] = Field(description="person id -> name")


# -- the store's questions ---------------------------------------------------------------------------
class Stats(_Open):
    documents: int
    quotes: int
    quote_sources: int
    people: int
    events: int
    schema_version: int
    read_only: bool
    version: str


class _Page(_Open):
    page: int
    page_size: int
    has_more: bool


class DocumentSummary(_Open):
    id: str
    dct: str
    title: str | None
    n_quotes: int
    lead: str
    snippet_html: str | None = None


class DocumentList(_Page):
    items: list[DocumentSummary]


class Person(_Open):
    """A person (or organisation) across articles, after merging name variants."""
    id: str
    name: str
    label: str
    n_quotes: int
    n_documents: int


class PersonList(_Page):
    items: list[Person]


class QuoteSource(_Open):
    """One article a quote appears in."""
    document: str
    dct: str
    title: str | None
    quote: str = Field(description="the quote's id in that article")
    said_on: str | None
    start: int | None
    end: int | None
    cue: str | None
    medium: str | None


class QuoteHit(_Open):
    """A quote across articles: the same words by the same speaker are one quote with its sources."""
    text: str
    kind: str
    date: str | None
    speaker: str | None
    person_id: str | None
    n_sources: int
    snippet_html: str = Field(description="the text, HTML-escaped, matched words in <mark>")
    sources: list[QuoteSource]


class QuoteList(_Page):
    items: list[QuoteHit]
    person: Person | None


class TimelineEntry(_Open):
    """A quote or an event on a person's or a story's timeline."""
    kind: Literal["quote", "event"]
    day: str | None
    date: str | None
    text: str
    document: str
    title: str | None
    ref: str = Field(description="the quote or event id in that document")
    start: int | None
    end: int | None
    speaker: str | None = None
    person_id: str | None = None
    quote_kind: str | None = None
    n_sources: int | None = None
    trigger: str | None = None
    actors: list[str] | None = None


class Timeline(_Open):
    person: Person | None
    q: str | None
    entries: list[TimelineEntry]
    truncated: bool


class StorySource(_Open):
    """An article an entry of a story is drawn from: its id, outlet, publication date and title."""
    article: str
    outlet: str | None = None
    date: str | None = None
    title: str | None = None


class StoryQuote(_Open):
    """A quote said on the day of a story entry, with its speaker and the article it is in."""
    text: str
    speaker: str | None = None
    article: str | None = None
    outlet: str | None = None
    date: str | None = None


class StoryEntry(_Open):
    """One date of a story: 1-3 sentences, their sources, the day's quotes and why the date was chosen."""
    date: str
    sentences: list[str]
    sources: list[StorySource]
    quotes: list[StoryQuote]
    why: dict[str, Any] = Field(description="the evidence for the date: articles published that day, "
                                "articles naming it, later articles referring back, quotes said that day, score")


class Story(_Open):
    """A dated summary of the coverage that matches the query."""
    query: str | None
    entries: list[StoryEntry]


class Stored(_Open):
    id: str
    status: str = Field(description="added, updated or unchanged")


class Problem(_Open):
    """An error: ``detail`` says what was expected and what was found."""
    detail: str
