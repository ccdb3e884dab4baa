-- Issue 5: citizens' reports (aspirasi, pengaduan, permintaan informasi), their timeline,
-- attachments and supports, and the holiday calendar their working-day deadlines count on.

-- Days that are not working days besides weekends. kind: 'libur_nasional', 'cuti_bersama', 'libur_daerah'.
CREATE TABLE holidays (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    day TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- The ticket code is ASP-<year of created_at in WIB>-<id>. The reporter's contact details are
-- only ever read by the reporter's own pages, mail jobs, and the coordinator's audited "reveal".
CREATE TABLE aspirations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- What the public sees when the coordinator redacted it (NULL: the original).
    public_title TEXT,
    public_description TEXT,
    category_id INTEGER REFERENCES opd_categories(id) ON DELETE SET NULL,
    category_name TEXT NOT NULL,
    -- NULL when a machine client (Open311) gave only coordinates or an address: the
    -- coordinator sets it when verifying.
    region_id INTEGER REFERENCES regions(id),
    -- The kelurahan's kecamatan, kept here so the public list filters by it through an index.
    kecamatan_id INTEGER REFERENCES regions(id),
    address TEXT,
    -- Degrees × 1,000,000 (integers on both engines).
    lat_e6 INTEGER,
    lon_e6 INTEGER,
    event_date TEXT,
    anonymous BOOLEAN NOT NULL,
    confidential BOOLEAN NOT NULL,
    show_name BOOLEAN NOT NULL,
    reporter_name TEXT,
    reporter_phone TEXT,
    reporter_email TEXT,
    assisted_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    source TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    opd_id INTEGER REFERENCES opd(id) ON DELETE SET NULL,
    due_at INTEGER,
    -- When the running deadline started counting (it is recomputed from here when the
    -- holiday calendar changes).
    due_from INTEGER,
    reminded_at INTEGER,
    escalated_at INTEGER,
    duplicate_of INTEGER REFERENCES aspirations(id) ON DELETE SET NULL,
    reject_reason TEXT,
    lapor_number TEXT,
    support_count INTEGER NOT NULL DEFAULT 0,
    rating INTEGER,
    rating_comment TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    closed_at INTEGER
);
-- The public list walks the reports newest first (the primary key) and filters; each filter
-- it offers has an index in id order, so a rare value is found without scanning everything.
CREATE INDEX aspirations_status ON aspirations(status, id);
CREATE INDEX aspirations_category ON aspirations(category_id, id);
CREATE INDEX aspirations_kind ON aspirations(kind, id);
CREATE INDEX aspirations_region ON aspirations(region_id, id);
CREATE INDEX aspirations_kecamatan ON aspirations(kecamatan_id, id);
CREATE INDEX aspirations_opd ON aspirations(opd_id, status);
CREATE INDEX aspirations_due ON aspirations(due_at);
CREATE INDEX aspirations_assisted ON aspirations(assisted_by);

-- The timeline. party: 'reporter', 'coordinator', 'opd', 'system', 'assistant'. Entries with
-- public = FALSE (internal notes) are shown to staff only.
CREATE TABLE aspiration_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    aspiration_id INTEGER NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    party TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    opd_id INTEGER REFERENCES opd(id) ON DELETE SET NULL,
    body TEXT,
    public BOOLEAN NOT NULL
);
CREATE INDEX aspiration_events_aspiration ON aspiration_events(aspiration_id, id);

-- Files in the object store under storage_key. Images are re-encoded (no EXIF/GPS).
CREATE TABLE aspiration_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    aspiration_id INTEGER NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES aspiration_events(id) ON DELETE SET NULL,
    storage_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL
);
CREATE INDEX aspiration_attachments_aspiration ON aspiration_attachments(aspiration_id);

-- One support per person or device: supporter_key is a keyed hash of a device cookie.
CREATE TABLE aspiration_supports (
    aspiration_id INTEGER NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    supporter_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (aspiration_id, supporter_key)
);

-- The words of each public report (stems, as the search index makes them; written when the
-- coordinator verifies it, never on the submission path), so the
-- public list finds a word through an index, newest first, without reading every report.
-- Redacted reports list the words of their public wording only.
CREATE TABLE aspiration_words (
    word TEXT NOT NULL,
    aspiration_id INTEGER NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    PRIMARY KEY (word, aspiration_id)
) WITHOUT ROWID;
CREATE INDEX aspiration_words_aspiration ON aspiration_words(aspiration_id);
