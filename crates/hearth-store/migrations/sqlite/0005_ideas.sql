-- Ideas with votes and statuses (SQLite). Keep in step with ../postgres/0005_ideas.sql.
ALTER TABLE topics ADD COLUMN vote_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE topics ADD COLUMN idea_status TEXT;
ALTER TABLE topics ADD COLUMN status_note TEXT;
CREATE INDEX topics_space_votes ON topics (space_id, vote_count DESC, id DESC) WHERE deleted_at IS NULL;

-- One vote per member per idea; recorded_by is set when staff voted on a member's behalf.
CREATE TABLE idea_votes (
    topic_id INTEGER NOT NULL REFERENCES topics (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    recorded_by INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (topic_id, member_id)
);
CREATE INDEX idea_votes_member ON idea_votes (member_id, created_at);

CREATE TABLE idea_status_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id INTEGER NOT NULL REFERENCES topics (id),
    status TEXT NOT NULL,
    note TEXT,
    changed_by INTEGER NOT NULL REFERENCES members (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX idea_status_changes_topic ON idea_status_changes (topic_id, id);
