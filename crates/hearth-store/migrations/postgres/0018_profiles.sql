-- Profiles and the member directory (PostgreSQL). Keep in step with ../sqlite/0018_profiles.sql.
-- A member's bio and location (plain text), up to five links (one per line), and whether
-- they hide from the directory and hide their activity on their profile.
ALTER TABLE members ADD COLUMN bio TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN links TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN hide_from_directory BIGINT NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN hide_activity BIGINT NOT NULL DEFAULT 0;

-- The hourly trust job counts a member's accepted answers and moderated posts by post.
CREATE INDEX topics_answer ON topics (answer_post_id) WHERE answer_post_id IS NOT NULL;
CREATE INDEX moderation_items_post ON moderation_items (post_id);
