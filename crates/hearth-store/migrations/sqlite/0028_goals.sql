-- Insights goals (sqlite). Keep in step with ../postgres/0028_goals.sql.
-- A target on one metric by a day; figures in thousandths (a share of 42.5% is 42500).
CREATE TABLE insight_goals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    metric TEXT NOT NULL,
    target_milli INTEGER NOT NULL,
    baseline_milli INTEGER,
    due_day TEXT NOT NULL,
    created_by INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL
);
