-- Whether the community publishes its moderation log (PostgreSQL). Keep in step with ../sqlite/0015_public_mod_log.sql.
ALTER TABLE community ADD COLUMN public_mod_log BIGINT NOT NULL DEFAULT 0;
