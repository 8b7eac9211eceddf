-- The activity stream (postgres). Keep in step with ../sqlite/0024_stream.sql.
-- Every activity records the transaction that wrote it. Identity values are handed out
-- when a row is inserted, not when its transaction commits, so on PostgreSQL a smaller id
-- can become visible after a larger one. Readers therefore walk the log in (txid, id)
-- order and only read rows whose transaction is older than the oldest one still running
-- (pg_snapshot_xmin): every such row is final, and every row still to come sorts after it.
ALTER TABLE activities ADD COLUMN txid BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX activities_stream ON activities (txid, id);

-- A consumer is a named reader of the log with a durable cursor: the last (txid, id) it
-- has fully handled, advanced in the same transaction as the consumer's own writes.
CREATE TABLE stream_consumers (
    name TEXT PRIMARY KEY,
    cursor_txid BIGINT NOT NULL DEFAULT 0,
    cursor_id BIGINT NOT NULL DEFAULT 0,
    handled BIGINT NOT NULL DEFAULT 0,
    reset_at BIGINT,
    updated_at BIGINT NOT NULL
);

-- Maintained by the member_times consumer: the member's last own participation, and
-- their last visit (a `visited` activity, at most one an hour).
ALTER TABLE members ADD COLUMN last_active_at BIGINT;

-- Topic views by signed-in members, counted per topic per day (UTC), in aggregate.
CREATE TABLE topic_views (
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (topic_id, day)
);
CREATE INDEX topic_views_day ON topic_views (day, views);
