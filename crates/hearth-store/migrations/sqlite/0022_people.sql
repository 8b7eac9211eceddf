-- People across channels (sqlite). Keep in step with ../postgres/0022_people.sql.
-- A member row is a person. kind 'account' signs in to the hub; kind 'contact' was met on
-- another channel (an import or the activities API) and has no email, handle or password
-- of its own: its addresses and handles live in identities. merged_into marks a person
-- folded into another by a merge (undone by unmerge); erased_at a person whose personal
-- data was erased (the row stays as an anonymous id so aggregates stay right).
ALTER TABLE members ADD COLUMN kind TEXT NOT NULL DEFAULT 'account' CHECK (kind IN ('account', 'contact'));
ALTER TABLE members ADD COLUMN merged_into INTEGER REFERENCES members (id);
ALTER TABLE members ADD COLUMN erased_at INTEGER;
ALTER TABLE members ADD COLUMN analytics_opt_out INTEGER NOT NULL DEFAULT 0;
DROP INDEX members_email_unique;
CREATE UNIQUE INDEX members_email_unique ON members (email) WHERE email <> '';
DROP INDEX members_handle_unique;
CREATE UNIQUE INDEX members_handle_unique ON members (handle) WHERE handle <> '';
CREATE INDEX members_people ON members (display_name, id);

-- One row per person per channel: (channel, external_id) is who they are there. email is
-- lower-cased; name_key is the name after Unicode normalisation (hearth_core::people).
CREATE TABLE identities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    channel TEXT NOT NULL,
    external_id TEXT NOT NULL,
    handle TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    name_key TEXT NOT NULL DEFAULT '',
    import_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX identities_external ON identities (channel, external_id);
CREATE INDEX identities_member ON identities (member_id);
CREATE INDEX identities_email ON identities (email) WHERE email <> '';
CREATE INDEX identities_handle ON identities (handle) WHERE handle <> '';
CREATE INDEX identities_name ON identities (name_key) WHERE name_key <> '';
INSERT INTO identities (member_id, channel, external_id, handle, email, name, name_key, created_at)
    SELECT id, 'hub', CAST(id AS TEXT), handle, lower(email), display_name, '', created_at FROM members;

-- Shop orders and payments (Shopify, Stripe). Money in the currency's minor unit.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    refunded_cents INTEGER NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    lines TEXT NOT NULL DEFAULT '[]',
    placed_at INTEGER NOT NULL,
    import_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX orders_external ON orders (source, external_id);
CREATE INDEX orders_member ON orders (member_id, placed_at);

CREATE TABLE member_tags (
    member_id INTEGER NOT NULL REFERENCES members (id),
    tag TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, tag)
);
CREATE INDEX member_tags_tag ON member_tags (tag, member_id);

CREATE TABLE member_fields (
    member_id INTEGER NOT NULL REFERENCES members (id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (member_id, name)
);

-- The per-source audit: one row per import, written in the import's transaction (or, for a
-- failed one, after its rollback). skipped is a JSON array of {line, reason}.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    rows_read INTEGER NOT NULL DEFAULT 0,
    members_created INTEGER NOT NULL DEFAULT 0,
    members_matched INTEGER NOT NULL DEFAULT 0,
    activities_created INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
    skipped TEXT NOT NULL DEFAULT '[]',
    error TEXT,
    by_id INTEGER REFERENCES members (id),
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL
);
CREATE INDEX imports_recent ON imports (started_at, id);

-- Merges: the kept person, the one folded into it, the evidence, and every row moved (a
-- JSON object of id lists) so that unmerge puts back exactly what was there.
CREATE TABLE merges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    merged_id INTEGER NOT NULL REFERENCES members (id),
    evidence TEXT NOT NULL,
    moved TEXT NOT NULL,
    by_id INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL,
    undone_at INTEGER,
    undone_by INTEGER REFERENCES members (id)
);
CREATE INDEX merges_member ON merges (member_id, id);
CREATE INDEX merges_merged ON merges (merged_id, id);

-- Suggestions the owner dismissed: the pair (lower id first) is not suggested again.
CREATE TABLE merge_dismissals (
    low_id INTEGER NOT NULL REFERENCES members (id),
    high_id INTEGER NOT NULL REFERENCES members (id),
    by_id INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (low_id, high_id)
);

-- Saved filters in the condition language (hearth_core::condition).
CREATE TABLE segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    condition TEXT NOT NULL,
    created_by INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX segments_name_unique ON segments (name);

CREATE INDEX activities_kind ON activities (kind, occurred_at);
ALTER TABLE community ADD COLUMN raw_retention_days INTEGER;
