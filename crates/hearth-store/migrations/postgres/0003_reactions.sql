-- Reactions (PostgreSQL). Keep in step with ../sqlite/0003_reactions.sql.
CREATE TABLE post_reactions (
    post_id BIGINT NOT NULL REFERENCES posts (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    reaction TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, member_id, reaction)
);
CREATE INDEX post_reactions_member ON post_reactions (member_id, created_at);
