-- Sentiment (sqlite). Keep in step with ../postgres/0030_sentiment.sql.
-- Each post's automatic label (hearth_insights::sentiment, written by the `sentiment`
-- consumer of the activity stream) and staff's correction, which wins when there is one.
CREATE TABLE post_sentiment (
    post_id INTEGER PRIMARY KEY REFERENCES posts (id),
    compound_milli INTEGER NOT NULL,
    label TEXT NOT NULL,
    lang TEXT NOT NULL,
    corrected TEXT,
    corrected_by INTEGER REFERENCES members (id),
    corrected_at INTEGER,
    scored_at INTEGER NOT NULL
);
-- The owner may switch sentiment off (1 on, 0 off).
ALTER TABLE community ADD COLUMN sentiment_on INTEGER NOT NULL DEFAULT 1;
