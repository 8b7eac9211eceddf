-- Outbound webhooks (sqlite). Keep in step with ../postgres/0032_webhooks.sql.
-- A subscription: where to deliver, which activity kinds (a comma list; NULL for every
-- kind) of which space (NULL for the whole community), and the secret its deliveries are
-- signed with (Standard Webhooks: whsec_ and base64). A rolled secret's predecessor keeps
-- signing beside it until previous_until, so receivers can switch without a gap.
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL,
    kinds TEXT,
    space_id INTEGER REFERENCES spaces (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_until INTEGER,
    created_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    -- The last activity before it was made: it receives only what comes after.
    after_activity_id INTEGER NOT NULL DEFAULT 0,
    disabled_at INTEGER,
    disabled_reason TEXT
);
-- One row per activity a subscription is to receive, written by the webhooks consumer of
-- the activity stream (so each activity is queued once per subscription), sent in id order
-- per subscription. status: pending, delivered, failed (gave up after its attempts) or
-- skipped (the subscription may not see it). The payload is built at the first attempt
-- and kept, so every retry sends the same body under the same webhook-id.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    payload TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    leased_until INTEGER,
    response_status INTEGER,
    response_body TEXT,
    error TEXT,
    duration_ms INTEGER,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE (webhook_id, activity_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, webhook_id, id);
