-- Merged ideas (SQLite). Keep in step with ../postgres/0008_idea_merges.sql.
ALTER TABLE topics ADD COLUMN merged_into INTEGER REFERENCES topics (id);
