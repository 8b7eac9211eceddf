-- Pinned topics (announcements) (PostgreSQL). Keep in step with ../sqlite/0006_pins.sql.
-- pin_scope is 'space' (top of its space) or 'community' (top of the home page too).
ALTER TABLE topics ADD COLUMN pin_scope TEXT;
ALTER TABLE topics ADD COLUMN pinned_at BIGINT;
CREATE INDEX topics_pinned ON topics (space_id, pinned_at) WHERE pinned_at IS NOT NULL;
