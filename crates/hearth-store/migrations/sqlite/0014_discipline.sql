-- Warnings, suspensions and private moderator notes (SQLite). Keep in step with ../postgres/0014_discipline.sql.

-- A message from staff that the member sees (and may answer) at /warnings.
CREATE TABLE warnings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    by_id INTEGER NOT NULL REFERENCES members (id),
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    seen_at INTEGER,
    reply TEXT,
    replied_at INTEGER
);
CREATE INDEX warnings_member ON warnings (member_id, id);

-- silence: may read and sign in, not post; suspend: may not sign in; ban: suspend forever.
-- members.suspended_until mirrors the longest running suspend or ban, for sign-in checks.
CREATE TABLE suspensions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    by_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL CHECK (kind IN ('silence', 'suspend', 'ban')),
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    ends_at INTEGER,
    lifted_at INTEGER,
    lifted_by INTEGER REFERENCES members (id),
    lift_reason TEXT
);
CREATE INDEX suspensions_member ON suspensions (member_id, id);
CREATE INDEX suspensions_due ON suspensions (ends_at) WHERE lifted_at IS NULL;

-- Private notes staff keep on a member; the member never sees them.
CREATE TABLE mod_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id),
    by_id INTEGER NOT NULL REFERENCES members (id),
    note TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX mod_notes_member ON mod_notes (member_id, id);
