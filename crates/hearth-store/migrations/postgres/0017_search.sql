-- Full-text search over posts (PostgreSQL: tsvector and GIN). Keep in step with
-- ../sqlite/0017_search.sql. Each post carries its words (the topic's title too, for first
-- posts), kept by triggers in the same transaction as every change; the 'simple'
-- configuration (no stemming, any language) with accents folded by `translate` (the letters
-- of hearth_core::search::FOLD_FROM), and `.`, `/`, `@`, `:`, `_` and `-` made spaces (the
-- default parser would keep `example.com` or `v2.0` whole, where the query splits them),
-- matches SQLite's unicode61 with remove_diacritics.
ALTER TABLE posts ADD COLUMN search tsvector;

CREATE FUNCTION hearth_post_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := setweight(to_tsvector('simple', translate(translate(lower(CASE WHEN NEW.position = 1
            THEN COALESCE((SELECT title FROM topics WHERE id = NEW.topic_id), '') ELSE '' END),
            'àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżšśşřŕľĺłţťğ', 'aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzsssrrlllttg'), './@:_-', '      ')), 'A')
        || to_tsvector('simple', translate(translate(lower(NEW.body_md),
            'àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżšśşřŕľĺłţťğ', 'aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzsssrrlllttg'), './@:_-', '      '));
    RETURN NEW;
END
$$;

CREATE TRIGGER posts_search BEFORE INSERT OR UPDATE OF body_md ON posts
FOR EACH ROW EXECUTE FUNCTION hearth_post_search();

CREATE FUNCTION hearth_topic_title_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE posts SET body_md = body_md WHERE topic_id = NEW.id AND position = 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER topics_title_search AFTER UPDATE OF title ON topics
FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION hearth_topic_title_search();

UPDATE posts SET body_md = body_md;

CREATE INDEX post_search ON posts USING GIN (search);

-- Feeds list the newest topics across public spaces.
CREATE INDEX topics_created ON topics (created_at DESC, id DESC) WHERE deleted_at IS NULL;
