-- dateline store, schema version 1 (the baseline). A fresh database runs this file, then every
-- migrations/NNNN_*.sql in order; PRAGMA user_version and the schema_version table record the result.
-- Rows come from model.to_dict(); `data` is that JSON without "text" (kept once, in `text`).

CREATE TABLE schema_version (
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL
);

CREATE TABLE store_meta (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    dct             TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL,
    content_hash    TEXT NOT NULL,          -- sha256 of the input (id, dct, text, meta)
    schema_version  INTEGER NOT NULL,       -- model.SCHEMA_VERSION of `data`
    n_quotes        INTEGER NOT NULL DEFAULT 0,
    data            TEXT NOT NULL           -- to_dict(doc) minus "text", compact JSON
);
CREATE INDEX documents_dct ON documents(dct, id);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='pk', tokenize='unicode61 remove_diacritics 2');

-- one row per distinct person (or quoted organisation) across articles
CREATE TABLE people (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,   -- public slug: "william-clinton"
    key             TEXT NOT NULL UNIQUE,   -- merge key: "clinton|william", "clinton|", "clinton|w", "org:reuters"
    label           TEXT NOT NULL,          -- PERSON | ORG | ...
    surname         TEXT,                   -- PERSON only
    first           TEXT NOT NULL DEFAULT '',  -- canonical first name, an initial, or '' (surname only)
    root_pk         INTEGER NOT NULL,       -- the person this one is merged into (itself when not merged)
    name            TEXT NOT NULL,          -- display name: the most frequent full form
    n_quotes        INTEGER NOT NULL DEFAULT 0,   -- own counts
    n_docs          INTEGER NOT NULL DEFAULT 0,
    n_quotes_total  INTEGER NOT NULL DEFAULT 0,   -- whole merge group (meaningful on roots)
    n_docs_total    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_surname ON people(surname);
CREATE INDEX people_root ON people(root_pk);

-- which person each entity (or unlinked speaker) of a document is
CREATE TABLE doc_people (
    doc_pk      INTEGER NOT NULL REFERENCES documents(pk),
    entity      TEXT NOT NULL,              -- entity id in the document ("ent1"), or "~q1" for a speaker without one
    person_pk   INTEGER NOT NULL REFERENCES people(pk),
    name        TEXT NOT NULL,              -- the name as the document gives it
    PRIMARY KEY (doc_pk, entity)
) WITHOUT ROWID;
CREATE INDEX doc_people_person ON doc_people(person_pk, doc_pk);

-- a quote repeated across articles is stored once; quote_sources lists every article
CREATE TABLE quotes (
    pk          INTEGER PRIMARY KEY,
    qkey        TEXT NOT NULL UNIQUE,       -- sha1(normalized text | speaker surname or org key)
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    person_pk   INTEGER REFERENCES people(pk),
    speaker     TEXT,                       -- speaker name as given, when no person is known
    date        TEXT NOT NULL,              -- earliest date over the sources (said_on, else dct)
    n_sources   INTEGER NOT NULL
);
CREATE INDEX quotes_date ON quotes(date);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='pk', tokenize='unicode61 remove_diacritics 2');

CREATE TABLE quote_sources (
    doc_pk      INTEGER NOT NULL REFERENCES documents(pk),
    qid         TEXT NOT NULL,              -- quote id in the document ("q1")
    quote_pk    INTEGER NOT NULL REFERENCES quotes(pk),
    person_pk   INTEGER REFERENCES people(pk),
    speaker     TEXT,
    kind        TEXT NOT NULL,
    said_on     TEXT,
    date        TEXT NOT NULL,
    start       INTEGER,
    "end"       INTEGER,
    cue         TEXT,
    medium      TEXT,
    PRIMARY KEY (doc_pk, qid)
) WITHOUT ROWID;
CREATE INDEX quote_sources_quote ON quote_sources(quote_pk);
CREATE INDEX quote_sources_person ON quote_sources(person_pk);

CREATE TABLE events (
    pk          INTEGER PRIMARY KEY,
    doc_pk      INTEGER NOT NULL REFERENCES documents(pk),
    eid         TEXT NOT NULL,
    date        TEXT NOT NULL,              -- TIMEX3 value
    day         TEXT NOT NULL,              -- first day it covers (YYYY-MM-DD), else the dct: the axis position
    text        TEXT NOT NULL,
    trigger     TEXT,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    UNIQUE (doc_pk, eid)
);
CREATE INDEX events_day ON events(day);

CREATE VIRTUAL TABLE events_fts USING fts5(
    text, content='events', content_rowid='pk', tokenize='unicode61 remove_diacritics 2');

CREATE TABLE event_people (
    event_pk    INTEGER NOT NULL REFERENCES events(pk),
    person_pk   INTEGER NOT NULL REFERENCES people(pk),
    PRIMARY KEY (event_pk, person_pk)
) WITHOUT ROWID;
CREATE INDEX event_people_person ON event_people(person_pk, event_pk);
