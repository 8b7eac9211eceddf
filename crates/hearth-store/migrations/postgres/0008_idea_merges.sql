-- Merged ideas (PostgreSQL). Keep in step with ../sqlite/0008_idea_merges.sql.
ALTER TABLE topics ADD COLUMN merged_into BIGINT REFERENCES topics (id);
