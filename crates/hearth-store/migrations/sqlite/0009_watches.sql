-- Members watching spaces for new topics (SQLite). Keep in step with ../postgres/0009_watches.sql.
CREATE TABLE space_watches (
    space_id INTEGER NOT NULL REFERENCES spaces (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (space_id, member_id)
);
CREATE INDEX space_watches_member ON space_watches (member_id);
