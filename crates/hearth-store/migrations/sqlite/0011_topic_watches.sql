-- Members watching topics for every reply (SQLite). Keep in step with ../postgres/0011_topic_watches.sql.
CREATE TABLE topic_watches (
    topic_id INTEGER NOT NULL REFERENCES topics (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (topic_id, member_id)
);
CREATE INDEX topic_watches_member ON topic_watches (member_id);
