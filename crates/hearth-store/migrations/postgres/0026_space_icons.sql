-- Space pictures (postgres). Keep in step with ../sqlite/0026_space_icons.sql.
-- A space's square picture, shown beside its name; the upload belongs to the community.
ALTER TABLE spaces ADD COLUMN icon_upload_id BIGINT REFERENCES uploads (id);
