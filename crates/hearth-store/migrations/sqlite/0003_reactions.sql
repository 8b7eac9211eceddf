-- Reactions (SQLite). Keep in step with ../postgres/0003_reactions.sql.
CREATE TABLE post_reactions (
    post_id INTEGER NOT NULL REFERENCES posts (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    reaction TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, member_id, reaction)
);
CREATE INDEX post_reactions_member ON post_reactions (member_id, created_at);
