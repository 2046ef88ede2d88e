-- Delivery queue (issue 4): every mass message is one row per recipient and part, sent by
-- one worker. The rows are the truth: after a crash the worker resumes the pending ones.
-- Times people read are ISO 8601 UTC text; next_attempt_at is Unix time (REAL) because
-- backoff needs sub-second precision.

-- A batch: one broadcast, digest run ... Its counts are written when its last row settles,
-- so they survive a recipient's /forget (which deletes that recipient's rows).
-- The report goes to report_member_id's chat, or to report_chat_id when that is not a
-- member's (a group): no person's chat id is kept without a link that /forget follows.
CREATE TABLE delivery_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    report_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    report_chat_id INTEGER,
    report_lang TEXT NOT NULL DEFAULT 'cy' CHECK (report_lang IN ('cy', 'en')),
    created_at TEXT NOT NULL,
    finished_at TEXT,
    reported_at TEXT,
    sent INTEGER NOT NULL DEFAULT 0,
    unreachable INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX delivery_batches_unfinished ON delivery_batches(id) WHERE reported_at IS NULL;

-- One message part (or document) to one chat. A member's rows go with them on /forget:
-- a message not yet sent to someone who asked to be forgotten must not go out.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES delivery_batches(id) ON DELETE CASCADE,
    chat_id INTEGER NOT NULL,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    document_name TEXT,
    document BLOB,
    urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'unreachable', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deliveries_pending ON deliveries(id) WHERE status = 'pending';
CREATE INDEX deliveries_pending_chat ON deliveries(batch_id, chat_id, id) WHERE status = 'pending';
CREATE INDEX deliveries_by_batch ON deliveries(batch_id, status);
CREATE INDEX deliveries_by_member ON deliveries(member_id);

-- Broadcasts composed with /broadcast: a draft until sent (kept in the database so it
-- survives a restart), then the record /broadcasts lists. The author is SET NULL on
-- /forget so the record of what the service sent stays.
CREATE TABLE broadcasts (
    id INTEGER PRIMARY KEY,
    author_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    author_role TEXT NOT NULL CHECK (author_role IN ('representative', 'coordinator')),
    audience TEXT CHECK (audience IN ('everyone', 'constituencies', 'representatives')),
    constituency_ids TEXT NOT NULL DEFAULT '[]',
    kind TEXT CHECK (kind IN ('progress', 'news', 'meeting')),
    text_cy TEXT NOT NULL DEFAULT '',
    text_en TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'cancelled')),
    batch_id INTEGER REFERENCES delivery_batches(id) ON DELETE SET NULL,
    recipients INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX broadcasts_recent ON broadcasts(status, id);
