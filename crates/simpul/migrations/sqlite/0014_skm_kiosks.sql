-- Survey kiosks: tablets at service counters, registered by an admin. The device keeps a
-- secret (stored here hashed); `last_seen_at` is its latest heartbeat or response, and the
-- admins' list flags a kiosk silent for longer than `alert_minutes`.
CREATE TABLE skm_kiosks (
    id INTEGER PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES skm_units(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    alert_minutes BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT,
    revoked_at BIGINT
);
