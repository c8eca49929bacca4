-- schema version 2: indexes for the newsroom queries (a speaker's quotes by date, people by count)
CREATE INDEX quotes_person_date ON quotes(person_pk, date);
CREATE INDEX people_rank ON people(n_quotes_total DESC, n_docs_total DESC, name);
