-- Agenda suggestions (issue 11): members suggest topics for a coming meeting, anonymously,
-- and support each other's. Nothing here references members(id), on purpose: a suggestion
-- is not linkable to the member who made it or to those who support it (not in /mydata,
-- not erased by /forget: there is nothing in it about anyone).

-- The redacted text and its language. No author, no day, no time; the id is drawn at random
-- (as for views), so row order says nothing about who suggested first.
CREATE TABLE agenda_suggestions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    language TEXT NOT NULL CHECK (language IN ('cy', 'en')),
    text TEXT NOT NULL,
    supports INTEGER NOT NULL DEFAULT 0,
    on_agenda_at TEXT
);
CREATE INDEX agenda_suggestions_by_meeting ON agenda_suggestions(meeting_id);

-- One support per person: HMAC under the meeting's own secret (kept outside the database,
-- destroyed when the meeting starts or is cancelled), then these rows go too. WITHOUT
-- ROWID: kept in tag order, not in the order they came.
CREATE TABLE agenda_supports (
    suggestion_id INTEGER NOT NULL REFERENCES agenda_suggestions(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (suggestion_id, tag)
) WITHOUT ROWID;

-- How many topics each person suggested for a meeting (a limit), under the same secret.
CREATE TABLE agenda_quota (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, tag)
) WITHOUT ROWID;
