-- Who came to a meeting, confirmed by its organiser (or a coordinator) after it started: a
-- representative's "meetings attended" for reward and recognition (issue 12). The
-- representative's own record (/mydata, erased by /forget); the confirmer is SET NULL.
CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    confirmed_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX meeting_attendance_by_member ON meeting_attendance(member_id);
CREATE INDEX meeting_attendance_by_confirmer ON meeting_attendance(confirmed_by);
