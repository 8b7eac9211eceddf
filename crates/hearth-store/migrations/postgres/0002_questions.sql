-- Questions and answers (PostgreSQL). Keep in step with ../sqlite/0002_questions.sql.
ALTER TABLE topics ADD COLUMN answer_post_id BIGINT;
ALTER TABLE topics ADD COLUMN first_reply_at BIGINT;
ALTER TABLE topics ADD COLUMN answered_at BIGINT;
-- Which topic kinds a space allows, comma-separated.
ALTER TABLE spaces ADD COLUMN allowed_kinds TEXT NOT NULL DEFAULT 'discussion,question';
