-- Polls (issue 10): representatives poll their networks; one answer per member.
--
-- The record of a poll (author, networks, question, options, times, and at close the
-- counts) stays after it closes: "You said, we did" links outcomes to it. Who answered
-- what never stays. While a poll is open each member of its electorate has one row in
-- poll_answers under a keyed tag (HMAC of their Telegram id under a secret for this poll
-- alone, kept outside the database): no member id, no time, rows in tag order. At close
-- the counts are written to poll_options / polls and every poll_answers row of the poll is
-- deleted in the same transaction; then the poll's secret is destroyed.

CREATE TABLE polls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    author_role TEXT NOT NULL CHECK (author_role IN ('representative', 'coordinator')),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'closed', 'cancelled')),
    kind TEXT CHECK (kind IN ('single', 'multiple', 'open')),
    question_cy TEXT NOT NULL DEFAULT '',
    question_en TEXT NOT NULL DEFAULT '',
    closes_at TEXT,
    remind INTEGER NOT NULL DEFAULT 0 CHECK (remind IN (0, 1)),
    share INTEGER NOT NULL DEFAULT 1 CHECK (share IN (0, 1)),  -- results to members too
    created_at TEXT NOT NULL,
    opened_at TEXT,
    closed_at TEXT,
    closed_early INTEGER NOT NULL DEFAULT 0 CHECK (closed_early IN (0, 1)),
    reminded_at TEXT,
    results_at TEXT,  -- results queued (the mark is written with the queue rows)
    electorate INTEGER NOT NULL DEFAULT 0,  -- members asked, fixed when it opened
    answered INTEGER  -- members who answered, written at close
);
CREATE INDEX polls_by_status ON polls(status, closes_at);
CREATE INDEX polls_by_author ON polls(author_id);

CREATE TABLE poll_networks (
    poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    PRIMARY KEY (poll_id, constituency_id)
) WITHOUT ROWID;
CREATE INDEX poll_networks_by_constituency ON poll_networks(constituency_id);

-- Options 0..9; votes is NULL until the poll closes.
CREATE TABLE poll_options (
    poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 9),
    label_cy TEXT NOT NULL,
    label_en TEXT NOT NULL,
    votes INTEGER,
    PRIMARY KEY (poll_id, position)
) WITHOUT ROWID;

-- One row per member of the electorate while the poll is open, under the poll's keyed
-- tag. choice: the options chosen as bits (option n is 1 << n), NULL until they answer.
-- An open question's answer (redacted) waits here until close, when it joins the views
-- in random order. WITHOUT ROWID: rows sit in tag order, not the order members joined
-- or answered. Deleted at close.
CREATE TABLE poll_answers (
    poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    choice INTEGER,
    text TEXT,
    language TEXT CHECK (language IN ('cy', 'en')),
    constituency_id INTEGER,
    PRIMARY KEY (poll_id, tag)
) WITHOUT ROWID;
-- Counting a million answers at close reads this index alone (about 80 ms, not 250).
CREATE INDEX poll_answers_by_choice ON poll_answers(poll_id, choice);

-- Poll messages a member asked for again with /polls: edited at close like the ones the
-- delivery queue sent, so no message in their chat still shows how they answered.
CREATE TABLE poll_messages (
    poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (poll_id, chat_id, message_id)
);
CREATE INDEX poll_messages_by_member ON poll_messages(member_id);

-- An open question's answers join that network's anonymous views, tagged with the poll.
ALTER TABLE views ADD COLUMN poll_id INTEGER REFERENCES polls(id) ON DELETE SET NULL;
