-- Issue 16: the public-satisfaction survey (SKM, Permenpan RB No. 14 Tahun 2017).

-- Units that are surveyed: every OPD (kept in step with the OPD registry) and the service
-- points admins add (a kelurahan office, a KIM post). `population`: the unit's service users
-- in a survey period, for the minimum sample; `wording`: the unit's own wording of the
-- answers (JSON, 9 × 4 texts) or NULL for the regulation's.
CREATE TABLE skm_units (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    opd_id BIGINT UNIQUE REFERENCES opd(id) ON DELETE SET NULL,
    population BIGINT,
    wording TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO skm_units (slug, name, name_key, opd_id, created_at, updated_at)
    SELECT slug, name, name_key, id, created_at, created_at FROM opd;

-- One filled-in questionnaire. Nothing here names the respondent; `day` is the local date
-- (periods are chosen by it). `client_key`: the sender's idempotency key (a kiosk's queue),
-- unique per sender so a retried send stores nothing twice.
CREATE TABLE skm_responses (
    id INTEGER PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES skm_units(id),
    day TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    u1 SMALLINT NOT NULL CHECK (u1 BETWEEN 1 AND 4),
    u2 SMALLINT NOT NULL CHECK (u2 BETWEEN 1 AND 4),
    u3 SMALLINT NOT NULL CHECK (u3 BETWEEN 1 AND 4),
    u4 SMALLINT NOT NULL CHECK (u4 BETWEEN 1 AND 4),
    u5 SMALLINT NOT NULL CHECK (u5 BETWEEN 1 AND 4),
    u6 SMALLINT NOT NULL CHECK (u6 BETWEEN 1 AND 4),
    u7 SMALLINT NOT NULL CHECK (u7 BETWEEN 1 AND 4),
    u8 SMALLINT NOT NULL CHECK (u8 BETWEEN 1 AND 4),
    u9 SMALLINT NOT NULL CHECK (u9 BETWEEN 1 AND 4),
    age_band TEXT,
    sex TEXT,
    education TEXT,
    occupation TEXT,
    service TEXT,
    suggestion TEXT,
    source TEXT NOT NULL,
    client_key TEXT UNIQUE
);
CREATE INDEX skm_responses_unit_day ON skm_responses (unit_id, day);
