-- The activity stream (sqlite). Keep in step with ../postgres/0024_stream.sql.
-- SQLite has one writer at a time (writes begin IMMEDIATE), so ids are handed out in
-- commit order and `txid` stays 0: readers walk (txid, id) order on both databases.
ALTER TABLE activities ADD COLUMN txid INTEGER NOT NULL DEFAULT 0;

-- A consumer is a named reader of the log with a durable cursor: the last (txid, id) it
-- has fully handled, advanced in the same transaction as the consumer's own writes.
CREATE TABLE stream_consumers (
    name TEXT PRIMARY KEY,
    cursor_txid INTEGER NOT NULL DEFAULT 0,
    cursor_id INTEGER NOT NULL DEFAULT 0,
    handled INTEGER NOT NULL DEFAULT 0,
    reset_at INTEGER,
    updated_at INTEGER NOT NULL
);

-- Maintained by the member_times consumer: the member's last own participation, and
-- their last visit (a `visited` activity, at most one an hour).
ALTER TABLE members ADD COLUMN last_active_at INTEGER;

-- Topic views by signed-in members, counted per topic per day (UTC), in aggregate.
CREATE TABLE topic_views (
    topic_id INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    views INTEGER NOT NULL,
    PRIMARY KEY (topic_id, day)
);
CREATE INDEX topic_views_day ON topic_views (day, views);
