-- Meetings (issue 11): a draft until scheduled (so it survives a restart), then the record
-- reminders, papers, replies and changes are read from. Times are ISO 8601 UTC text.
-- The organiser is SET NULL on /forget: the meeting still happens for everyone else.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organiser_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    organiser_role TEXT NOT NULL CHECK (organiser_role IN ('representative', 'coordinator')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'cancelled')),
    title_cy TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    starts_at TEXT,
    minutes INTEGER NOT NULL DEFAULT 120 CHECK (minutes BETWEEN 15 AND 1440),
    place TEXT NOT NULL DEFAULT '',
    agenda_cy TEXT NOT NULL DEFAULT '',
    agenda_en TEXT NOT NULL DEFAULT '',
    -- Seconds before the start, largest first, as JSON. The first (largest) carries the papers.
    offsets TEXT NOT NULL DEFAULT '[]',
    sequence INTEGER NOT NULL DEFAULT 0,  -- one more with every change: calendar apps update
    papers_due_at TEXT,  -- when the papers reminder was queued: papers after it are late
    wrapped_up_at TEXT,  -- the start came: unsent reminders withdrawn, support secret destroyed
    created_at TEXT NOT NULL,
    scheduled_at TEXT,
    cancelled_at TEXT
);
CREATE INDEX meetings_live ON meetings(status, starts_at);
CREATE INDEX meetings_by_organiser ON meetings(organiser_id);

CREATE TABLE meeting_networks (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, constituency_id)
);
CREATE INDEX meeting_networks_by_network ON meeting_networks(constituency_id);

-- Documents the organiser sent while managing the meeting, kept by Telegram's file_id.
CREATE TABLE meeting_papers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    file_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    added_at TEXT NOT NULL,
    late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1))
);
CREATE INDEX meeting_papers_by_meeting ON meeting_papers(meeting_id);

-- Who has been sent which reminder: never twice for the same member, meeting and offset,
-- and the list a change or a cancellation goes to. Kept until a week after the meeting.
CREATE TABLE meeting_told (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    offset_seconds INTEGER NOT NULL,
    told_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id, offset_seconds)
) WITHOUT ROWID;
CREATE INDEX meeting_told_by_member ON meeting_told(member_id);

-- The delivery batches that carry a meeting's messages: a reminder not yet sent when the
-- meeting starts, changes or is cancelled is withdrawn from the queue.
CREATE TABLE meeting_batches (
    batch_id INTEGER PRIMARY KEY REFERENCES delivery_batches(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reminder', 'papers', 'change', 'cancel', 'agenda', 'warning'))
);
CREATE INDEX meeting_batches_by_meeting ON meeting_batches(meeting_id, kind);

-- A member's own reply to a meeting: not anonymous (it is their record; /forget erases it).
CREATE TABLE rsvps (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'maybe')),
    answered_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX rsvps_by_member ON rsvps(member_id);

-- Reminders a member turned off: one meeting, or every meeting (meeting_id NULL).
CREATE TABLE reminder_mutes (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
    muted_at TEXT NOT NULL
);
CREATE UNIQUE INDEX reminder_mutes_unique ON reminder_mutes(member_id, IFNULL(meeting_id, 0));
