-- Uploaded images (issue 3): re-encoded copies live in the object store under `key`;
-- the original file, its name and its metadata are never kept.

CREATE TABLE media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    -- Comma-separated widths of the stored copies, e.g. '360,720,1280'.
    widths TEXT NOT NULL,
    alt TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX media_uploaded_by ON media(uploaded_by, id);
