-- Hearth schema, version 1 (SQLite). Keep in step with ../postgres/0001_init.sql.
-- Instants are INTEGER milliseconds since the Unix epoch, UTC, on both databases.

CREATE TABLE community (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    tagline TEXT,
    accent_color TEXT NOT NULL,
    logo_upload_id INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    handle TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    email_confirmed_at INTEGER,
    suspended_until INTEGER,
    last_seen_at INTEGER
);
CREATE UNIQUE INDEX members_email_unique ON members (email);
CREATE UNIQUE INDEX members_handle_unique ON members (handle);
CREATE INDEX members_created ON members (created_at, id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_member ON sessions (member_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE UNIQUE INDEX api_tokens_hash_unique ON api_tokens (token_hash);

-- Single-use links sent by mail (email confirmation, password reset, change of email).
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER REFERENCES members (id),
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE spaces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'private')),
    archived_at INTEGER,
    created_at INTEGER NOT NULL,
    topic_count INTEGER NOT NULL DEFAULT 0,
    post_count INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX spaces_slug_unique ON spaces (slug);

-- Who may see a private space besides admins: 'member:{id}' or 'role:{role}'.
CREATE TABLE space_grants (
    space_id INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    grantee TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (space_id, grantee)
);

CREATE TABLE topics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id INTEGER NOT NULL REFERENCES spaces (id),
    author_id INTEGER NOT NULL REFERENCES members (id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'discussion',
    created_at INTEGER NOT NULL,
    last_post_at INTEGER NOT NULL,
    post_count INTEGER NOT NULL DEFAULT 0,
    last_position INTEGER NOT NULL DEFAULT 0,
    deleted_at INTEGER
);
CREATE INDEX topics_space_activity ON topics (space_id, last_post_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX topics_author ON topics (author_id);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id INTEGER NOT NULL REFERENCES topics (id),
    author_id INTEGER NOT NULL REFERENCES members (id),
    position INTEGER NOT NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted_at INTEGER
);
CREATE UNIQUE INDEX posts_topic_position_unique ON posts (topic_id, position);
CREATE INDEX posts_author ON posts (author_id, created_at);

CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts (id),
    editor_id INTEGER NOT NULL REFERENCES members (id),
    body_md TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, id);

-- The activity log: one row per event in a member's story, from every channel.
CREATE TABLE activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    target_type TEXT,
    target_id INTEGER,
    space_id INTEGER,
    weight INTEGER NOT NULL DEFAULT 1,
    properties TEXT,
    idempotency_key TEXT,
    occurred_at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX activities_time ON activities (occurred_at, id);
CREATE INDEX activities_member ON activities (member_id, occurred_at);
CREATE UNIQUE INDEX activities_idempotency_unique ON activities (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- The job outbox: side effects enqueued in the same transaction as the change.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT,
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 8,
    locked_until INTEGER,
    last_error TEXT,
    done_at INTEGER,
    failed_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE UNIQUE INDEX jobs_dedupe_unique ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL;

-- Sliding-window counters for rate limits (login, signup); shared by every node.
CREATE TABLE rate_events (
    bucket TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX rate_events_bucket ON rate_events (bucket, at);
