-- Involvement on record (issue 12), for reward and recognition: the hours a representative
-- gives, as they type them (their own data: /mydata shows them, /forget erases them). Polls
-- run and outcomes reported are counted from those tables; meetings attended from the
-- organiser's confirmations.
CREATE TABLE involvement_hours (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    on_day TEXT NOT NULL,
    given_minutes INTEGER NOT NULL CHECK (given_minutes BETWEEN 1 AND 1440),
    what TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE INDEX involvement_hours_by_member ON involvement_hours(member_id, on_day);
