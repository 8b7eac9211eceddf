-- Full-text search over posts (SQLite: FTS5). Keep in step with ../postgres/0017_search.sql.
-- One row per live, visible post: the topic's title (first posts only) and the Markdown.
-- Triggers keep it in the same transaction as every change to a post or a title; deleted
-- and held posts leave the index.
CREATE VIRTUAL TABLE post_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO post_search (rowid, title, body)
SELECT p.id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body_md
FROM posts p JOIN topics t ON t.id = p.topic_id
WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL;

CREATE TRIGGER post_search_insert AFTER INSERT ON posts
WHEN new.deleted_at IS NULL AND new.hidden_at IS NULL
BEGIN
    INSERT INTO post_search (rowid, title, body)
    VALUES (new.id, CASE WHEN new.position = 1 THEN (SELECT title FROM topics WHERE id = new.topic_id) ELSE '' END, new.body_md);
END;

CREATE TRIGGER post_search_update AFTER UPDATE OF body_md, deleted_at, hidden_at ON posts
BEGIN
    DELETE FROM post_search WHERE rowid = old.id;
    INSERT INTO post_search (rowid, title, body)
    SELECT new.id, CASE WHEN new.position = 1 THEN (SELECT title FROM topics WHERE id = new.topic_id) ELSE '' END, new.body_md
    WHERE new.deleted_at IS NULL AND new.hidden_at IS NULL;
END;

CREATE TRIGGER post_search_title AFTER UPDATE OF title ON topics
BEGIN
    UPDATE post_search SET title = new.title
    WHERE rowid = (SELECT id FROM posts WHERE topic_id = new.id AND position = 1);
END;

-- Feeds list the newest topics across public spaces.
CREATE INDEX topics_created ON topics (created_at DESC, id DESC) WHERE deleted_at IS NULL;
