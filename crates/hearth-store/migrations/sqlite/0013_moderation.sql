-- Flags, the moderation queue and the audit log (SQLite). Keep in step with ../postgres/0013_moderation.sql.

-- Set while a post is hidden for review.
ALTER TABLE posts ADD COLUMN hidden_at INTEGER;

-- One open item per post at a time; flags gather on it until a moderator decides.
CREATE TABLE moderation_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('flagged_post')),
    post_id INTEGER NOT NULL REFERENCES posts (id),
    state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    weight INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by INTEGER REFERENCES members (id),
    decision TEXT,
    reason TEXT
);
CREATE UNIQUE INDEX moderation_items_open_post ON moderation_items (post_id) WHERE state = 'open';
CREATE INDEX moderation_items_state ON moderation_items (state, id);

CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES moderation_items (id),
    post_id INTEGER NOT NULL REFERENCES posts (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    reason TEXT NOT NULL CHECK (reason IN ('spam', 'off_topic', 'inappropriate', 'other')),
    text TEXT,
    weight INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX flags_once ON flags (item_id, member_id);
CREATE INDEX flags_member ON flags (member_id, created_at);

-- Every staff action: who, what, on what, why, when. Written in the action's transaction.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id INTEGER REFERENCES members (id),
    action TEXT NOT NULL,
    target_type TEXT,
    target_id INTEGER,
    reason TEXT,
    details TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action, id);
