-- Questions and answers (SQLite). Keep in step with ../postgres/0002_questions.sql.
ALTER TABLE topics ADD COLUMN answer_post_id INTEGER;
ALTER TABLE topics ADD COLUMN first_reply_at INTEGER;
ALTER TABLE topics ADD COLUMN answered_at INTEGER;
-- Which topic kinds a space allows, comma-separated.
ALTER TABLE spaces ADD COLUMN allowed_kinds TEXT NOT NULL DEFAULT 'discussion,question';
