-- schema version 3: what story timelines read (dateline story, GET /api/story), written at ingest.
-- Sentence spans of every document, the day-level dates its time expressions name (with their
-- sentence) and its quotes by sentence; story/evidence.py defines the fields. Documents stored by
-- an older dateline get their rows when the database is opened for writing (Store.migrate).
CREATE TABLE story_docs (
    doc_pk      INTEGER PRIMARY KEY REFERENCES documents(pk),
    outlet      TEXT NOT NULL DEFAULT '',
    n_sentences INTEGER NOT NULL
);

CREATE TABLE story_sentences (
    doc_pk      INTEGER NOT NULL REFERENCES documents(pk),
    idx         INTEGER NOT NULL,           -- sentence number in the document, from 0
    start       INTEGER NOT NULL,           -- character offsets into documents.text
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (doc_pk, idx)
) WITHOUT ROWID;

CREATE TABLE story_days (
    doc_pk      INTEGER NOT NULL REFERENCES documents(pk),
    sentence    INTEGER NOT NULL,           -- the sentence the time expression is in
    day         TEXT NOT NULL,              -- YYYY-MM-DD: only values that name one day
    explicit    INTEGER NOT NULL            -- 1: written with digits ("April 20"), 0: relative ("Tuesday")
);
CREATE INDEX story_days_doc ON story_days(doc_pk);
CREATE INDEX story_days_day ON story_days(day);

CREATE TABLE story_quotes (
    doc_pk      INTEGER NOT NULL REFERENCES documents(pk),
    sentence    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    speaker     TEXT,
    said_on     TEXT                        -- YYYY-MM-DD when the words are dated to a day
);
CREATE INDEX story_quotes_doc ON story_quotes(doc_pk);
