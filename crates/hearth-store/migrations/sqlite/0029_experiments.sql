-- Invitation experiments (sqlite). Keep in step with ../postgres/0029_experiments.sql.
-- An experiment is written once, with everyone in it, and never edited: who was
-- invited and who held out is decided at the start, from `seed`, and kept here. No
-- address is copied: outcomes follow the person's own record (and its merges).
CREATE TABLE insight_experiments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    segment_id INTEGER,
    segment_name TEXT NOT NULL,
    condition TEXT NOT NULL,
    seed INTEGER NOT NULL,
    holdout_percent INTEGER NOT NULL,
    outcome_days INTEGER NOT NULL,
    -- Who the segment had that could not take part: {"members": n, "no_email": n, "unsubscribed": n}.
    left_out TEXT NOT NULL,
    created_by INTEGER REFERENCES members (id),
    started_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL
);
CREATE TABLE insight_experiment_people (
    experiment_id INTEGER NOT NULL REFERENCES insight_experiments (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    invited INTEGER NOT NULL,
    invite_id INTEGER REFERENCES invites (id),
    PRIMARY KEY (experiment_id, member_id)
);
