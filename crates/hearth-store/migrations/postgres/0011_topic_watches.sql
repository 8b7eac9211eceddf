-- Members watching topics for every reply (PostgreSQL). Keep in step with ../sqlite/0011_topic_watches.sql.
CREATE TABLE topic_watches (
    topic_id BIGINT NOT NULL REFERENCES topics (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (topic_id, member_id)
);
CREATE INDEX topic_watches_member ON topic_watches (member_id);
