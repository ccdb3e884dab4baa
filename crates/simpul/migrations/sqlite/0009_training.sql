-- Issue 7: training (bimtek) for KIM members: programmes, their sessions, registrations with a
-- waiting list, and attendance.

-- What a programme teaches; admins may add more.
CREATE TABLE training_topics (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO training_topics (slug, name, created_at) VALUES
    ('penulisan_berita', 'Penulisan berita', 0),
    ('editing_video', 'Editing video', 0),
    ('konten_media_sosial', 'Konten media sosial', 0);

CREATE TABLE training_programmes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    topic TEXT NOT NULL REFERENCES training_topics(slug),
    organiser TEXT NOT NULL,
    trainer TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- `confirmed` counts registrations holding a seat; it only moves with a conditional update
-- (`confirmed < capacity`), so concurrent registrations never over-book on either engine.
-- `attendance_key` makes the code that changes every minute (never shown itself).
CREATE TABLE training_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id INTEGER NOT NULL REFERENCES training_programmes(id) ON DELETE CASCADE,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    place TEXT,
    online_url TEXT,
    capacity INTEGER NOT NULL,
    confirmed INTEGER NOT NULL,
    registration_deadline INTEGER NOT NULL,
    attendance_key TEXT NOT NULL,
    -- A practice assignment (what to write); when set, completing needs the practice draft
    -- accepted (published) by the participant's Redaksi.
    practice TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX training_sessions_starts ON training_sessions(starts_at);
CREATE INDEX training_sessions_programme ON training_sessions(programme_id, starts_at);

-- status: terdaftar (has a seat), menunggu (waiting list, in id order), batal (cancelled).
CREATE TABLE training_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    registered_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    attended_at INTEGER,
    -- kode (the participant typed or scanned the code) or manual (ticked by the trainer).
    attendance_method TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (session_id, user_id)
);
CREATE INDEX training_registrations_queue ON training_registrations(session_id, status, id);
CREATE INDEX training_registrations_user ON training_registrations(user_id, session_id);

-- Certificates, issued when the completion rule is met. `number` is printed on the PDF and
-- checked at /sertifikat/<number>; the name is kept as printed. A revoked certificate still
-- verifies, as revoked.
CREATE TABLE training_certificates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    registration_id INTEGER NOT NULL UNIQUE REFERENCES training_registrations(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    holder_name TEXT NOT NULL,
    programme_title TEXT NOT NULL,
    session_date TEXT NOT NULL,
    organiser TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_reason TEXT,
    -- Revoked by the system because attendance was withdrawn (ticking again restores it); an
    -- admin's revocation is never undone by itself.
    revoked_automatically BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX training_certificates_user ON training_certificates(user_id, issued_at);

-- Materials of a session: uploaded files (in the object store) and links, for its participants.
CREATE TABLE training_materials (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    url TEXT,
    storage_key TEXT,
    file_name TEXT,
    size_bytes INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX training_materials_session ON training_materials(session_id, id);

-- A news draft written as a session's practice assignment; it goes through its Redaksi's
-- normal review, marked as training practice.
ALTER TABLE articles ADD COLUMN training_session_id INTEGER REFERENCES training_sessions(id) ON DELETE SET NULL;
CREATE INDEX articles_training ON articles(training_session_id, author_id);
