-- Members watching spaces for new topics (PostgreSQL). Keep in step with ../sqlite/0009_watches.sql.
CREATE TABLE space_watches (
    space_id BIGINT NOT NULL REFERENCES spaces (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (space_id, member_id)
);
CREATE INDEX space_watches_member ON space_watches (member_id);
