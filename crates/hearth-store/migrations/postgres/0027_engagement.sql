-- Engagement levels (postgres). Keep in step with ../sqlite/0027_engagement.sql.
-- The owner's weights for each kind and channel, as JSON ({"kinds": {..}, "channels": {..}});
-- empty for the documented defaults.
ALTER TABLE community ADD COLUMN engagement_weights TEXT NOT NULL DEFAULT '';
