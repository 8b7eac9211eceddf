-- Sentiment (postgres). Keep in step with ../sqlite/0030_sentiment.sql.
-- Each post's automatic label (hearth_insights::sentiment, written by the `sentiment`
-- consumer of the activity stream) and staff's correction, which wins when there is one.
CREATE TABLE post_sentiment (
    post_id BIGINT PRIMARY KEY REFERENCES posts (id),
    compound_milli BIGINT NOT NULL,
    label TEXT NOT NULL,
    lang TEXT NOT NULL,
    corrected TEXT,
    corrected_by BIGINT REFERENCES members (id),
    corrected_at BIGINT,
    scored_at BIGINT NOT NULL
);
-- The owner may switch sentiment off (1 on, 0 off).
ALTER TABLE community ADD COLUMN sentiment_on BIGINT NOT NULL DEFAULT 1;
