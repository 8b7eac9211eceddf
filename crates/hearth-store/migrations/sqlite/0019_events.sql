-- Events (sqlite). Keep in step with ../postgres/0019_events.sql.
-- An event is a topic of kind 'event' (its discussion is the topic's replies) with a
-- schedule: the first occurrence in UTC milliseconds, the organiser's IANA zone, an
-- optional weekly/monthly repeat, and the end of the last occurrence for range queries.
-- going_count and waitlist_count are kept by the RSVP transaction, which locks the row.
CREATE TABLE events (
    topic_id INTEGER PRIMARY KEY REFERENCES topics (id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    recurrence TEXT CHECK (recurrence IN ('weekly', 'monthly')),
    recurrence_count INTEGER,
    last_ends_at INTEGER NOT NULL,
    capacity INTEGER,
    location TEXT,
    online_url TEXT,
    checkin_code TEXT NOT NULL,
    going_count INTEGER NOT NULL DEFAULT 0,
    waitlist_count INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE INDEX events_upcoming ON events (last_ends_at, starts_at);

-- One answer per member: going, waitlisted (wanted to go when it was full), maybe or
-- not_going. waitlisted_at orders the waitlist; checked_in_at is attendance.
CREATE TABLE event_rsvps (
    topic_id INTEGER NOT NULL REFERENCES events (topic_id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    status TEXT NOT NULL CHECK (status IN ('going', 'waitlisted', 'maybe', 'not_going')),
    waitlisted_at INTEGER,
    checked_in_at INTEGER,
    checked_in_by INTEGER REFERENCES members (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (topic_id, member_id)
);
CREATE INDEX event_rsvps_waitlist ON event_rsvps (topic_id, status, waitlisted_at, member_id);
CREATE INDEX event_rsvps_member ON event_rsvps (member_id, status);

-- Reminders sent, one row per occurrence and kind ('24h', '1h'), so each goes out once.
CREATE TABLE event_reminders (
    topic_id INTEGER NOT NULL REFERENCES events (topic_id),
    occurs_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (topic_id, occurs_at, kind)
);
