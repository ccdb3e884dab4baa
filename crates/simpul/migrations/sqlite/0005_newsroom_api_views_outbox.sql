-- Issue 3, second part: personal API tokens, the view counter and the change outbox.

-- A token may act for one person (a personal token, with that person's roles); tokens
-- without a person are the admin's machine clients (read-only data access).
ALTER TABLE api_tokens ADD COLUMN user_id INTEGER REFERENCES users(id) ON DELETE CASCADE;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Page views of published articles per day (WIB). No cookies, no addresses, no visitors:
-- only a number per article and day.
CREATE TABLE article_views (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    views INTEGER NOT NULL,
    PRIMARY KEY (article_id, day)
);

-- What changed, for whoever follows along (the page cache of every node
-- and, later, the search index). Written in the same transaction as the change itself, so
-- changes made by another process (`simpul import`) or another node are seen too.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
