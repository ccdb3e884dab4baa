-- Issue 6: the hoax tip-line. Tips arrive from the web page, the API, WhatsApp and Telegram;
-- near-identical tips gather in one cluster (one rumour), which editors check and answer with
-- a published clarification.

-- Published clarifications (fact checks). `claim` is the narrative as it circulates; the
-- matcher indexes it. verdict: HOAKS, SALAH, DISINFORMASI, ... (domain::factcheck::Verdict).
CREATE TABLE clarifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    verdict TEXT NOT NULL,
    content_type TEXT,
    title TEXT NOT NULL,
    claim TEXT NOT NULL,
    summary TEXT NOT NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- One reference per line: "title | https://…" or just the address.
    sources TEXT NOT NULL,
    appearance_url TEXT,
    first_appearance TEXT,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    published_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX clarifications_published ON clarifications(published_at, id);
CREATE INDEX clarifications_updated ON clarifications(updated_at);

-- One rumour as the tip-line sees it. state: belum_dicek, sedang_dicek, terbit, bukan_klaim, duplikat.
CREATE TABLE tip_clusters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    state TEXT NOT NULL,
    -- The first tip's text (what editors read; tipsters' contacts are never in it).
    sample TEXT NOT NULL,
    tip_count INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    duplicate_of INTEGER REFERENCES tip_clusters(id),
    clarification_id INTEGER REFERENCES clarifications(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX tip_clusters_state ON tip_clusters(state, last_seen);
CREATE INDEX tip_clusters_clarification ON tip_clusters(clarification_id);

-- One message sent in. The ticket code is CEK-<year>-<id>. `contact` (a WhatsApp number, a
-- Telegram chat id, an e-mail) is kept only to reply and is shown to no one; statistics and
-- exports use `tipster`, a keyed pseudonym of it.
CREATE TABLE tips (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES tip_clusters(id),
    channel TEXT NOT NULL,
    external_id TEXT,
    body TEXT NOT NULL,
    link TEXT,
    screenshot_key TEXT,
    contact TEXT,
    tipster TEXT,
    answer TEXT NOT NULL,
    clarification_id INTEGER REFERENCES clarifications(id),
    notified_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX tips_external ON tips(channel, external_id);
CREATE INDEX tips_cluster ON tips(cluster_id, id);

-- Chat messages already handled (of any type), so a redelivered webhook does nothing twice.
CREATE TABLE chat_inbox (
    channel TEXT NOT NULL,
    external_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (channel, external_id)
);

-- Editors' notes and evidence on a cluster.
CREATE TABLE tip_cluster_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cluster_id INTEGER NOT NULL REFERENCES tip_clusters(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    evidence_url TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX tip_cluster_notes_cluster ON tip_cluster_notes(cluster_id, id);

-- Keys the whole deployment shares (every node reads the same), e.g. the tipsters' pseudonym key.
CREATE TABLE site_keys (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
