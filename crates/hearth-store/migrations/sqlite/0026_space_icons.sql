-- Space pictures (sqlite). Keep in step with ../postgres/0026_space_icons.sql.
-- A space's square picture, shown beside its name; the upload belongs to the community.
ALTER TABLE spaces ADD COLUMN icon_upload_id INTEGER REFERENCES uploads (id);
-- Logos were stored as their uploader's: erasing that admin deleted the logo. They are the
-- community's now.
UPDATE uploads SET member_id = NULL WHERE id IN (SELECT logo_upload_id FROM community WHERE logo_upload_id IS NOT NULL);
