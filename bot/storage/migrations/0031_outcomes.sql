-- "You said, we did" (issue 12): what people said, what was decided or changed, what it
-- answers, and its progress over time. The author is personal data only as the author
-- (SET NULL on /forget): the outcome itself is the network's record and stays.

-- status: 'draft' while being written (a row, so it survives a restart), then 'recorded'.
-- review_on: the local day the author is reminded to report progress; reminded_on: the
-- review day a reminder was queued for (so a new review day is reminded again, and a
-- restart never reminds twice).
CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'recorded')),
    topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
    said_cy TEXT NOT NULL DEFAULT '',
    said_en TEXT NOT NULL DEFAULT '',
    did_cy TEXT NOT NULL DEFAULT '',
    did_en TEXT NOT NULL DEFAULT '',
    review_on TEXT,
    reminded_on TEXT,
    batch_id INTEGER,
    created_at TEXT NOT NULL,
    recorded_at TEXT
);
CREATE INDEX outcomes_by_constituency ON outcomes(constituency_id, status, recorded_at);
CREATE INDEX outcomes_by_review ON outcomes(status, review_on);
CREATE INDEX outcomes_by_author ON outcomes(author_id);

-- An outcome's history: progress updates, in Welsh and English, each perhaps sent to the
-- network too (batch_id).
CREATE TABLE outcome_updates (
    id INTEGER PRIMARY KEY,
    outcome_id INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'added')),
    text_cy TEXT NOT NULL DEFAULT '',
    text_en TEXT NOT NULL DEFAULT '',
    batch_id INTEGER,
    created_at TEXT NOT NULL,
    added_at TEXT
);
CREATE INDEX outcome_updates_by_outcome ON outcome_updates(outcome_id, status);
CREATE INDEX outcome_updates_by_author ON outcome_updates(author_id);
