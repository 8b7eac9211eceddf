-- Mail (SQLite). Keep in step with ../postgres/0010_mail.sql.

-- How often each member hears about each notification kind by mail. A missing row means
-- the kind's default (hearth::services::notifications::KINDS).
CREATE TABLE notification_prefs (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('immediately', 'daily', 'weekly', 'never')),
    PRIMARY KEY (member_id, kind)
);

-- A notification waiting for a digest names the digest; emailed_at is set once it went out
-- (alone or in a digest).
ALTER TABLE notifications ADD COLUMN digest TEXT;
ALTER TABLE notifications ADD COLUMN emailed_at INTEGER;
CREATE INDEX notifications_digest_due ON notifications (digest, member_id) WHERE emailed_at IS NULL AND digest IS NOT NULL;

-- One row per mail Hearth meant to send, keyed by what it is about, claimed before the
-- SMTP conversation: a retried job finds the row and sends nothing twice.
CREATE TABLE mail_deliveries (
    dedupe_key TEXT PRIMARY KEY,
    member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    subject TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent')),
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX mail_deliveries_recent ON mail_deliveries (created_at);

-- Server-side secrets created on first use (the key that signs unsubscribe links).
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
