-- News categories (issue 3), managed by admins. A fresh install starts with the common ones.

CREATE TABLE categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    description TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

INSERT INTO categories (slug, name, name_key, created_at, updated_at) VALUES
    ('pembangunan', 'Pembangunan', 'pembangunan', 0, 0),
    ('kesehatan', 'Kesehatan', 'kesehatan', 0, 0),
    ('pendidikan', 'Pendidikan', 'pendidikan', 0, 0),
    ('pemerintahan', 'Pemerintahan', 'pemerintahan', 0, 0),
    ('ekonomi', 'Ekonomi', 'ekonomi', 0, 0),
    ('lingkungan', 'Lingkungan', 'lingkungan', 0, 0),
    ('klarifikasi-hoaks', 'Klarifikasi Hoaks', 'klarifikasi hoaks', 0, 0);
