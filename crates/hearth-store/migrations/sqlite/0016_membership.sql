-- Join modes, applications, invites, allowed emails, guidelines, groups, trust levels,
-- wiki posts, keyword rules, held posts and the spam filter (SQLite).
-- Keep in step with ../postgres/0016_membership.sql.

-- How people join, the questions applicants answer, the guidelines (Markdown and its
-- sanitised HTML; the version goes up each time they change) and the owner's trust
-- thresholds ("key = value" lines; empty means the defaults).
ALTER TABLE community ADD COLUMN join_mode TEXT NOT NULL DEFAULT 'open'
    CHECK (join_mode IN ('open', 'approval', 'invite', 'customers'));
ALTER TABLE community ADD COLUMN join_questions TEXT NOT NULL DEFAULT '';
ALTER TABLE community ADD COLUMN guidelines_md TEXT NOT NULL DEFAULT '';
ALTER TABLE community ADD COLUMN guidelines_html TEXT NOT NULL DEFAULT '';
ALTER TABLE community ADD COLUMN guidelines_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community ADD COLUMN trust_settings TEXT NOT NULL DEFAULT '';
ALTER TABLE community ADD COLUMN spam_threshold INTEGER NOT NULL DEFAULT 80;

-- Trust: the level (0-4), whether staff locked it by hand, and the guidelines version the
-- member last accepted. Members who joined before trust levels existed start at 1.
ALTER TABLE members ADD COLUMN trust_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN trust_locked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN guidelines_version INTEGER NOT NULL DEFAULT 0;
UPDATE members SET trust_level = 1;

CREATE TABLE guideline_acceptances (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, version)
);

CREATE TABLE member_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX groups_slug_unique ON member_groups (slug);

CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES member_groups (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_members_member ON group_members (member_id);

-- Applications to join a community in approval mode. The password is already hashed.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    handle TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    answers TEXT NOT NULL,
    -- The version of the guidelines the applicant accepted (0 for none).
    guidelines_version INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES members (id),
    message TEXT,
    member_id INTEGER REFERENCES members (id)
);
CREATE UNIQUE INDEX applications_pending_email ON applications (email) WHERE state = 'pending';
CREATE INDEX applications_state ON applications (state, id);

-- Invite links (only the hash of the secret is stored) and email invitations.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL,
    email TEXT,
    max_uses INTEGER NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE UNIQUE INDEX invites_token_unique ON invites (token_hash);

-- Emails allowed to join a customer-gated community (a CSV today, the shop importers later).
CREATE TABLE allowed_emails (
    email TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Wiki posts: members of trust level 2 and up may edit them.
ALTER TABLE posts ADD COLUMN wiki INTEGER NOT NULL DEFAULT 0;

-- Set while a topic's first post is hidden for review: lists leave the topic out.
ALTER TABLE topics ADD COLUMN hidden_at INTEGER;

-- Why an item is in the queue: 'flags', 'spam_filter' or 'keyword'.
ALTER TABLE moderation_items ADD COLUMN cause TEXT NOT NULL DEFAULT 'flags';
ALTER TABLE moderation_items ADD COLUMN cause_detail TEXT;

CREATE TABLE keyword_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('flag', 'hold')),
    created_by INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX keyword_rules_pattern_unique ON keyword_rules (pattern);

-- The spam filter: its model as text (one row), and every moderator decision it learnt
-- from, kept to measure it on held-out decisions.
CREATE TABLE spam_model (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE spam_labels (
    post_id INTEGER PRIMARY KEY REFERENCES posts (id),
    is_spam INTEGER NOT NULL,
    body TEXT NOT NULL,
    decided_by INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL
);

-- Duplicate detection looks at the last day's posts.
CREATE INDEX posts_created ON posts (created_at);
