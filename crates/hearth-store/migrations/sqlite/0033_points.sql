-- Points, levels, badges, rewards, referrals and seasons (sqlite). Keep in step with
-- ../postgres/0033_points.sql.

-- The owner's points policy as JSON (rules, limits, levels and what they unlock, staff on
-- the leaderboards); '' for the documented defaults.
ALTER TABLE community ADD COLUMN points_settings TEXT NOT NULL DEFAULT '';

-- The ledger: append-only and hash-chained. Ids are handed out by the writer in chain
-- order (ledger_head, locked), never by the database, so the chain is the id order. An
-- entry's hash covers every column but itself (hearth_core::points::entry_hash).
CREATE TABLE ledger_entries (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    activity_id INTEGER,
    actor_id INTEGER,
    target_type TEXT,
    target_id INTEGER,
    space_id INTEGER,
    occurred_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX ledger_entries_member ON ledger_entries (member_id, occurred_at);
CREATE INDEX ledger_entries_activity ON ledger_entries (activity_id);
CREATE INDEX ledger_entries_target ON ledger_entries (target_type, target_id);
CREATE INDEX ledger_entries_occurred ON ledger_entries (occurred_at);
CREATE TRIGGER ledger_entries_append_only_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_append_only_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;

-- The chain's end: the last id and its hash. Every append locks this row.
CREATE TABLE ledger_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO ledger_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Each member's balance (what they may spend), what they have earned (their level and the
-- all-time leaderboard: spending does not lower it) and their level, kept in the same
-- transaction as their entries; `hearth ledger verify` recomputes them.
CREATE TABLE point_balances (
    member_id INTEGER PRIMARY KEY,
    balance INTEGER NOT NULL,
    earned INTEGER NOT NULL,
    level INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);
CREATE INDEX point_balances_earned ON point_balances (earned DESC, member_id);

-- Badges: built-in or the owner's, each with a condition in the segment condition
-- language. image is an uploaded picture (PNG, JPEG, WebP, GIF or SVG) served from its own
-- sandboxed route; a built-in badge has an icon in the binary instead.
CREATE TABLE badges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    condition TEXT NOT NULL,
    image BLOB,
    image_type TEXT,
    builtin INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE member_badges (
    badge_id INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id),
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (badge_id, member_id)
);
CREATE INDEX member_badges_member ON member_badges (member_id, granted_at);
INSERT INTO badges (slug, name, description, condition, builtin, created_at) VALUES
 ('first-post', 'First post', 'Wrote their first post', 'posts >= 1', 1, 0),
 ('first-answer', 'First answer', 'Wrote a reply that was accepted as the answer', 'accepted_answers >= 1', 1, 0),
 ('ten-answers', 'Ten answers', 'Ten replies accepted as the answer', 'accepted_answers >= 10', 1, 0),
 ('event-regular', 'Event regular', 'Came to five events', 'activity event_attended >= 5', 1, 0),
 ('idea-shipped', 'Idea shipped', 'Suggested an idea that was done', 'ideas_shipped >= 1', 1, 0),
 ('anniversary', 'One year here', 'A member for a year', 'joined > 365d', 1, 0),
 ('welcomer', 'Welcomer', 'Gave the first reply to ten newcomers', 'welcomed >= 10', 1, 0);

-- The rewards catalogue. kind: code (a discount code from the owner's list, one per
-- redemption), perk (fulfilled by hand) or space (opens a private space). stock is NULL
-- for no limit; a code reward's stock is its codes left.
CREATE TABLE rewards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    cost INTEGER NOT NULL CHECK (cost > 0),
    stock INTEGER CHECK (stock >= 0),
    per_member_limit INTEGER CHECK (per_member_limit > 0),
    kind TEXT NOT NULL,
    space_id INTEGER REFERENCES spaces (id) ON DELETE SET NULL,
    min_level INTEGER NOT NULL DEFAULT 1,
    active INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE reward_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reward_id INTEGER NOT NULL REFERENCES rewards (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    redemption_id INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (reward_id, code)
);
CREATE INDEX reward_codes_free ON reward_codes (reward_id, id) WHERE redemption_id IS NULL;
-- status: pending (to fulfil by hand), fulfilled, or cancelled (points refunded).
CREATE TABLE redemptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reward_id INTEGER NOT NULL REFERENCES rewards (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    cost INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    code TEXT,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    fulfilled_at INTEGER,
    fulfilled_by INTEGER REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX redemptions_member ON redemptions (member_id, id);
CREATE INDEX redemptions_reward ON redemptions (reward_id, member_id);
CREATE INDEX redemptions_status ON redemptions (status, id);

-- Referral links: one code per member; who brought whom, and when they first bought.
CREATE TABLE referral_codes (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    code TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
CREATE TABLE referrals (
    referred_id INTEGER PRIMARY KEY REFERENCES members (id),
    referrer_id INTEGER NOT NULL REFERENCES members (id),
    joined_at INTEGER NOT NULL,
    first_purchase_at INTEGER
);
CREATE INDEX referrals_referrer ON referrals (referrer_id, joined_at);

-- Seasons: the leaderboards count from the latest one's start; the ledger is untouched.
CREATE TABLE seasons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    started_by INTEGER REFERENCES members (id) ON DELETE SET NULL
);

-- The review list: voting rings and sudden jumps the nightly check found. members is the
-- comma list of ids; evidence a JSON object for the page. status: open, reversed
-- (corrections written) or dismissed.
CREATE TABLE point_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    members TEXT NOT NULL,
    evidence TEXT NOT NULL,
    window_from INTEGER NOT NULL,
    window_to INTEGER NOT NULL,
    points INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    decided_at INTEGER,
    UNIQUE (kind, members, window_from)
);
CREATE INDEX point_flags_status ON point_flags (status, id);
