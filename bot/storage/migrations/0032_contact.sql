-- Direct contact between a member and a representative of their network (issue 12).
--
-- A conversation (thread) is a row for as long as it is open. Named: the member's id, so it
-- is theirs in /mydata. Anonymous: no member id; `sealed` holds the member's Telegram id
-- XOR-ed with a pad from the thread's own expiring secret (`bot.secrets`, outside the
-- database), so while the thread is open the bot can route a reply, and once it ends and the
-- secret is destroyed nobody, the operator with every file included, can tell whose it was.
-- Ending a thread (either side, the 30 days, a report) clears both columns. The id is drawn
-- at random and only the day it opened is kept: row order and times line up with nothing.
-- The messages themselves are never stored: they go straight from one chat to the other.
CREATE TABLE contact_threads (
    id INTEGER PRIMARY KEY,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    rep_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    named INTEGER NOT NULL CHECK (named IN (0, 1)),
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    sealed TEXT,
    opened_on TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT,
    ended_by TEXT CHECK (ended_by IN ('member', 'representative', 'expired', 'reported', 'gone'))
);
CREATE INDEX contact_threads_open ON contact_threads(ended_at, expires_at);
CREATE INDEX contact_threads_by_rep ON contact_threads(rep_id);
CREATE INDEX contact_threads_by_member ON contact_threads(member_id);

-- A representative's report of abuse. `sender_tag` is a keyed hash of the sender's Telegram
-- id under the report's own expiring secret: a coordinator can stop that sender contacting
-- representatives (`status` 'blocked' until `blocked_until`) without anyone learning who it
-- is; dismissing the report, or the block ending, destroys the secret and the tag with it.
-- The note is the representative's own words about what happened.
CREATE TABLE contact_reports (
    id INTEGER PRIMARY KEY,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    reported_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    sender_tag TEXT,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'blocked', 'dismissed', 'lifted', 'ended')),
    reported_on TEXT NOT NULL,
    decide_by TEXT NOT NULL,
    decided_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    decided_at TEXT,
    blocked_until TEXT
);
CREATE INDEX contact_reports_by_status ON contact_reports(status);
CREATE INDEX contact_reports_by_reporter ON contact_reports(reported_by);
CREATE INDEX contact_reports_by_decider ON contact_reports(decided_by);
