-- Anonymous views, topics and digests (issue 5).
-- Nothing in this file references members(id), on purpose: a view must not be linkable to
-- the person who gave it, so these tables are not personal data (not in /mydata, not
-- erased by /forget, because there is nothing in them that is about a member).

-- Topics representatives or coordinators open for their constituency.
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    title_cy TEXT NOT NULL,
    title_en TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX topics_by_constituency ON topics(constituency_id, closed_at);

-- A view: where it goes, what it is about, its language, the redacted text and the day.
-- No user, chat or message id, no username, no time of day. The id is drawn at random by
-- the storage code (not a sequence), so the order of rows does not tell the order in which
-- views were given, and cannot be lined up with the order of any other table's rows.
CREATE TABLE views (
    id INTEGER PRIMARY KEY,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
    language TEXT NOT NULL CHECK (language IN ('cy', 'en')),
    text TEXT NOT NULL,
    day TEXT NOT NULL
);
CREATE INDEX views_by_constituency_day ON views(constituency_id, day);

-- The daily limit: views given today under HMAC(key, member, day). Rows from earlier days
-- are deleted. WITHOUT ROWID: rows are kept in tag order, not in the order they came.
CREATE TABLE view_quota (
    day TEXT NOT NULL,
    tag TEXT NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (day, tag)
) WITHOUT ROWID;

-- Reach: who gave a view in a constituency in a digest period, as HMAC(key, member,
-- constituency, period), to count distinct contributors. The self-description category is
-- kept only when at least the minimum group of the constituency's members share it;
-- otherwise NULL. No link to any view: no shared id, no time, tag order only.
CREATE TABLE view_reach (
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    tag TEXT NOT NULL,
    category TEXT CHECK (category IN ('service_user', 'carer', 'both')),
    PRIMARY KEY (constituency_id, period, tag)
) WITHOUT ROWID;

-- When each constituency's weekly digest goes out (local time), and the last one sent.
-- A constituency without a row uses the default: Monday 09:00.
CREATE TABLE digest_schedules (
    constituency_id INTEGER PRIMARY KEY REFERENCES constituencies(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL DEFAULT 0 CHECK (weekday BETWEEN 0 AND 6),
    at_time TEXT NOT NULL DEFAULT '09:00',
    last_sent_on TEXT
);

-- Representatives' group chats that receive a constituency's digests too.
CREATE TABLE digest_groups (
    chat_id INTEGER NOT NULL,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    language TEXT NOT NULL CHECK (language IN ('cy', 'en')),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, constituency_id)
);
