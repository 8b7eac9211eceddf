-- Cancelled events (sqlite). Keep in step with ../postgres/0021_event_cancel.sql.
-- A cancelled event keeps its page, answers and discussion; it takes no more answers and
-- calendars show it as cancelled.
ALTER TABLE events ADD COLUMN cancelled_at INTEGER;
