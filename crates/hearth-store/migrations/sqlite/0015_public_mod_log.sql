-- Whether the community publishes its moderation log (SQLite). Keep in step with ../postgres/0015_public_mod_log.sql.
ALTER TABLE community ADD COLUMN public_mod_log INTEGER NOT NULL DEFAULT 0;
