"""Frozen records that point into ``Document.text`` by character offsets (half-open [start, end)).

Records refer to each other by id (``t1``, ``m3``, ``ent2``, ``q1``, ``e1``), never by object
reference, so they serialize to JSON unchanged for the store, the API and the cluster.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Mapping

EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text: ``text == doc.text[start:end]``."""
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the text, ``[start, end)``."""
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the text, ``[start, end)``, in paragraph ``paragraph``."""
    start: int
    end: int
    paragraph: int          # index into Document.paragraphs


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the text (inside stages only; not part of the JSON contract)."""
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TimeSpec:
    """An underspecified time value emitted by ``timex_extract`` and resolved by ``timex_anchor``.

    ``kind`` names the resolution case (e.g. ``"weekday"``, ``"month_day"``, ``"offset"``);
    ``fields`` carries what the rule captured (``{"weekday": 3, "rel": "last"}``).
    """
    kind: str
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Timex:
    """A TimeML TIMEX3: a time expression, its type and its value resolved against the ``dct``.

    ``value`` is a TIMEX3 value string (``"2024-03-04"``, ``"P2W"``, ``"XXXX-WXX-2"``,
    ``"PAST_REF"``); ``anchor`` is the id of the time it was resolved against (``"t0"`` is the
    publication date) and ``rule`` the rule that found it.
    """
    id: str                         # "t1" ("t0" is the publication date)
    start: int
    end: int
    text: str
    type: str                       # DATE | TIME | DURATION | SET
    value: str | None               # TIMEX3 value; None until anchored when ``spec`` is set
    mod: str | None = None
    anchor: str | None = None       # id of the timex it was resolved against ("t0" = DCT)
    rule: str = ""                  # provenance: the rule that found it
    spec: TimeSpec | None = None    # underspecified form (not serialized)
    quant: str | None = None        # SET quant ("EVERY")
    freq: str | None = None         # SET freq ("2X")


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an entity: a name, a pronoun, a title or a description; ``entity`` is its
    ``Entity`` id once coreference has run."""
    id: str                         # "m1"
    start: int
    end: int
    text: str
    label: str                      # PERSON | ORG | GPE | WORK | EVENT | OTHER
    kind: str = "name"              # name | pronoun | title | description
    entity: str | None = None       # "ent1" once coreference has run


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place of the article: its canonical ``name`` (the fullest form
    in the text), the ids of its ``mentions`` and ``attributes`` such as gender, age or title."""
    id: str                         # "ent1"
    label: str                      # PERSON | ORG | GPE | WORK | EVENT | OTHER
    name: str                       # canonical: the fullest form in the article
    mentions: tuple[str, ...] = ()  # mention ids
    attributes: Mapping[str, Any] = field(default_factory=dict)   # gender, age, title, ...


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what, and when: a direct, mixed or indirect quote.

    ``spans`` are the content fragments (quote marks excluded) and ``text`` their content;
    ``speaker`` is the mention naming the source (a pronoun included), resolved to
    ``speaker_entity`` / ``speaker_name``; ``cue`` is the reporting verb or phrase; ``medium`` how
    it was said ("statement", "interview"); ``said_on`` the TIMEX3 value of the day the words were
    said, when the article tells.
    """
    id: str                                 # "q1"
    kind: str                               # direct | indirect | mixed
    spans: tuple[tuple[int, int], ...]      # content fragments, quote marks excluded
    text: str                               # the content (fragments joined)
    speaker: Span | None = None             # the mention naming the source (pronoun included)
    speaker_entity: str | None = None       # entity id
    speaker_name: str | None = None         # canonical name
    cue: Span | None = None
    medium: str | None = None               # "Instagram post", "statement", ...
    said_on: str | None = None              # TIMEX3 value of when the words were said
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening: the clause ``[start, end)``, its ``date`` (a TIMEX3 value), the timex
    that dates it, the entity ids of its actors and its trigger verb."""
    id: str                         # "e1"
    start: int
    end: int
    text: str
    date: str                       # TIMEX3 value
    timex: str | None               # the timex id that dates it
    actors: tuple[str, ...] = ()    # entity ids
    trigger: str | None = None      # the verb


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One date of the article's timeline with the ids of the events and quotes on it."""
    date: str
    events: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One article and everything found in it; the one record the whole pipeline passes along.

    ``text`` is exactly the text every offset refers to; ``dct`` is the publication date
    (``YYYY-MM-DD``) that relative times are resolved against. Stages never change a document:
    they return a new one (``doc.replace(timexes=...)``). ``to_dict()`` / ``to_json()`` give the
    public JSON contract (schema_version 1, ``resources/schema/document.schema.json``) and
    ``Document.from_dict()`` reads it back.
    """
    id: str
    text: str
    dct: str                                  # publication date YYYY-MM-DD, REQUIRED (TimeML t0)
    meta: Mapping[str, Any] = field(default_factory=dict)           # url, outlet, title, source file ...
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    warnings: tuple[str, ...] = ()            # coded, per-record problems that did not stop it

    def replace(self, **changes: Any) -> "Document":
        """A copy with some fields changed (``dataclasses.replace``, done in two C calls for a plain Document)."""
        if type(self) is not Document or not changes.keys() <= _DOC_INDEX.keys() or not _DOC_POSITIONAL:
            return replace(self, **changes)       # a subclass, or an unknown name (dataclasses' own error)
        values = list(_DOC_FIELDS(self))
        for name, value in changes.items():
            values[_DOC_INDEX[name]] = value
        return Document(*values)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON contract as plain dicts and lists (``json.dumps`` takes it as it is)."""
        from .serialize import to_dict
        return to_dict(self)

    def to_json(self, indent: int | None = None) -> str:
        """``to_dict()`` as a JSON string (UTF-8 text kept as it is, not escaped)."""
        from .serialize import to_json
        return to_json(self, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Document":
        """Rebuild a document from ``to_dict()`` output (or its parsed JSON).

        Sentences and tokens are not part of the contract, so they come back empty; run the
        pipeline again for them.
        """
        from .serialize import from_dict
        return from_dict(data)

    # small lookups used by several stages; cheap and pure
    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def timex(self, timex_id: str | None) -> Timex | None:
        if timex_id is None:
            return None
        for t in self.timexes:
            if t.id == timex_id:
                return t
        return None


# Document.replace: every field in order, read in one call, and each one's position (the fast path needs every
# field to be a positional __init__ argument; a field with init=False or kw_only falls back to dataclasses.replace)
_DOC_INDEX = {f.name: i for i, f in enumerate(fields(Document))}
_DOC_FIELDS = attrgetter(*_DOC_INDEX)
_DOC_POSITIONAL = all(f.init and not f.kw_only for f in fields(Document))
