-- Engagement levels (sqlite). Keep in step with ../postgres/0027_engagement.sql.
-- The owner's weights for each kind and channel, as JSON ({"kinds": {..}, "channels": {..}});
-- empty for the documented defaults.
ALTER TABLE community ADD COLUMN engagement_weights TEXT NOT NULL DEFAULT '';
