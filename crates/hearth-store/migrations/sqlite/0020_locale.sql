-- Languages, time zones and avatars (sqlite). Keep in step with ../postgres/0020_locale.sql.
-- A member's language and IANA time zone ('' = the community's default); the community's
-- defaults; an avatar is an upload (resized by Hearth before it is stored).
ALTER TABLE members ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN avatar_upload_id INTEGER REFERENCES uploads (id);
ALTER TABLE community ADD COLUMN default_language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE community ADD COLUMN default_time_zone TEXT NOT NULL DEFAULT 'UTC';
