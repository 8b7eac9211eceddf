-- Polls (SQLite). Keep in step with ../postgres/0007_polls.sql.
CREATE TABLE polls (
    topic_id INTEGER PRIMARY KEY REFERENCES topics (id),
    multiple INTEGER NOT NULL,
    closes_at INTEGER,
    results TEXT NOT NULL CHECK (results IN ('after_vote', 'after_close'))
);

CREATE TABLE poll_options (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id INTEGER NOT NULL REFERENCES polls (topic_id),
    position INTEGER NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX poll_options_topic ON poll_options (topic_id, position);

-- A member's current choices; changing a vote replaces them in one transaction.
CREATE TABLE poll_votes (
    topic_id INTEGER NOT NULL REFERENCES polls (topic_id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    option_id INTEGER NOT NULL REFERENCES poll_options (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (topic_id, member_id, option_id)
);
CREATE INDEX poll_votes_option ON poll_votes (option_id);
