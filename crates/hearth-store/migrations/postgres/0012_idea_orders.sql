-- Orders for idea lists (PostgreSQL). Keep in step with ../sqlite/0012_idea_orders.sql.
-- Newest first, and trending (votes in the last days, counted per idea).
CREATE INDEX topics_space_created ON topics (space_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX idea_votes_recent ON idea_votes (created_at, topic_id);
