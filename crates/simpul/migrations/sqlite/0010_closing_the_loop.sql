-- Closing the loop: reporters hear back on the channel they gave, lost links can be sent
-- again, accounts list their own reports, and the city's name and logo are settings.

-- Private follow-up keys (hashed). Every message to a reporter carries a fresh one, so a
-- report has several; the first is the one shown after submitting.
CREATE TABLE aspiration_keys (
    key_hash TEXT PRIMARY KEY,
    aspiration_id INTEGER NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX aspiration_keys_report ON aspiration_keys(aspiration_id);
INSERT INTO aspiration_keys (key_hash, aspiration_id, created_at) SELECT key_hash, id, created_at FROM aspirations;

-- How the reporter hears back: e-mail (reporter_email) unless they opted out, and a chat
-- (WhatsApp number or Telegram chat id) they linked with a one-time code.
ALTER TABLE aspirations ADD COLUMN notify_off BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE aspirations ADD COLUMN chat_channel TEXT;
ALTER TABLE aspirations ADD COLUMN chat_id TEXT;
-- The account that filed it (or claimed it with the private link): for "Laporan saya" only;
-- never shown to staff, never in the audit trail.
ALTER TABLE aspirations ADD COLUMN reporter_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX aspirations_reporter_user ON aspirations(reporter_user_id, id);

-- When the OPD first answered, and whether that was after the deadline then running (the
-- public figure "answered on time"; later deadlines replace due_at).
ALTER TABLE aspirations ADD COLUMN first_answered_at INTEGER;
ALTER TABLE aspirations ADD COLUMN answered_late BOOLEAN;
CREATE INDEX aspirations_answered ON aspirations(first_answered_at);
-- Reports answered before this migration: when (whether on time is not known any more).
UPDATE aspirations SET first_answered_at = (SELECT MIN(e.at) FROM aspiration_events e
    WHERE e.aspiration_id = aspirations.id AND e.action = 'respond') WHERE first_answered_at IS NULL;

-- One-time codes that link a chat to a report ("LAPOR <code>" on WhatsApp, /start <code> on
-- Telegram). Stored hashed; used once; expire.
CREATE TABLE aspiration_chat_codes (
    code_hash TEXT PRIMARY KEY,
    aspiration_id INTEGER NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

-- Tips sent while signed in, for the account's own list.
ALTER TABLE tips ADD COLUMN user_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX tips_user ON tips(user_id, id);

-- Settings an admin changes from the browser (city name, logo).
CREATE TABLE site_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Newsroom mail to the Redaksi is batched: when the last one left.
CREATE TABLE mail_batches (
    name TEXT PRIMARY KEY,
    last_sent_at INTEGER NOT NULL
);
