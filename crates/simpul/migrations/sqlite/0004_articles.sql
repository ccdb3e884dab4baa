-- News articles (issue 3): written by KIM members, reviewed by the Redaksi, read by citizens.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Set when first published, stable afterwards.
    slug TEXT UNIQUE,
    title TEXT NOT NULL,
    lead TEXT NOT NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    -- The cover photo (an uploaded, re-encoded image), its caption and photo credit.
    cover_media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
    cover_caption TEXT,
    cover_credit TEXT,
    -- A YouTube, Vimeo or Facebook video shown as a link card (no third-party script).
    video_url TEXT,
    -- The KIM group the article belongs to; NULL for the city desk.
    kim_id INTEGER REFERENCES kim_groups(id) ON DELETE SET NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    editor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    state TEXT NOT NULL,
    published_at INTEGER,
    -- When a scheduled article goes out (state 'terjadwal').
    scheduled_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX articles_state_published ON articles(state, published_at);
CREATE INDEX articles_author ON articles(author_id, updated_at);
CREATE INDEX articles_kim ON articles(kim_id, state, published_at);
CREATE INDEX articles_category ON articles(category_id, state, published_at);

-- Every saved text, so changes can be followed and compared.
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    lead TEXT NOT NULL,
    body_md TEXT NOT NULL,
    saved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX article_versions_article ON article_versions(article_id, id);

-- Review notes between author and Redaksi, kept with the article.
CREATE TABLE article_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX article_comments_article ON article_comments(article_id, id);

-- Free tags ("posyandu", "jalan rusak"), shared by articles.
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags(tag_id, article_id);
