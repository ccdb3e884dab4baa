-- Foundation: accounts, roles, sessions, one-time tokens, regions, KIM, OPD, audit, API tokens, jobs.
-- Instants are integer milliseconds since the Unix epoch (UTC). Ids are never reused
-- (AUTOINCREMENT here, identity columns in PostgreSQL), so audit entries keep pointing at
-- the record they describe.

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    email_verified_at INTEGER,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE regions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    level TEXT NOT NULL,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    path_key TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES regions(id),
    code TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_id);

CREATE TABLE kim_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- simpul_text::sort_key(name): the same order and search on both engines.
    name_key TEXT NOT NULL,
    level TEXT NOT NULL,
    region_id INTEGER NOT NULL REFERENCES regions(id),
    sk_number TEXT,
    sk_date TEXT,
    address TEXT,
    phone TEXT,
    email TEXT,
    website TEXT,
    facebook TEXT,
    instagram TEXT,
    youtube TEXT,
    tiktok TEXT,
    ketua TEXT,
    sekretaris TEXT,
    bendahara TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX kim_groups_region ON kim_groups(region_id);
CREATE INDEX kim_groups_name_key ON kim_groups(name_key);

CREATE TABLE opd (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    short_name TEXT NOT NULL,
    address TEXT,
    phone TEXT,
    email TEXT,
    website TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE opd_categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    opd_id INTEGER NOT NULL REFERENCES opd(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (opd_id, name)
);

-- scope_key: '' (unscoped), 'city' (city desk), 'kim:<id>' or 'opd:<id>'.
CREATE TABLE user_roles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    kim_id INTEGER REFERENCES kim_groups(id) ON DELETE CASCADE,
    opd_id INTEGER REFERENCES opd(id) ON DELETE CASCADE,
    scope_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, role, scope_key)
);
CREATE INDEX user_roles_kim ON user_roles(kim_id);
CREATE INDEX user_roles_opd ON user_roles(opd_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- purpose: 'setup', 'reset', 'verify'.
CREATE TABLE one_time_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

-- Keyed by a hash of the normalised e-mail so attempts on unknown addresses look the same.
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_key TEXT NOT NULL,
    at INTEGER NOT NULL,
    success BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts(account_key, at);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_user_id INTEGER,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT,
    before_json TEXT,
    after_json TEXT,
    request_id TEXT
);
CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_entity ON audit_events(entity_type, entity_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    last_error TEXT,
    done_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX jobs_pending ON jobs(done_at, run_at);
