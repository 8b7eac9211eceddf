-- In-app notifications (SQLite). Keep in step with ../postgres/0004_notifications.sql.
-- Rows are written only by jobs; dedupe_key makes a retried job write nothing twice.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    actor_id INTEGER REFERENCES members (id),
    topic_id INTEGER REFERENCES topics (id),
    post_id INTEGER REFERENCES posts (id),
    dedupe_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE UNIQUE INDEX notifications_dedupe_unique ON notifications (dedupe_key);
CREATE INDEX notifications_member ON notifications (member_id, id);
CREATE INDEX notifications_unread ON notifications (member_id) WHERE read_at IS NULL;
