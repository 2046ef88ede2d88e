-- Representatives as members see them (issue 12): a name they choose, and declared interests.
-- Both are the representative's own personal data (they reference members, so /mydata shows
-- them and /forget erases them).

-- The name members see for a representative. Optional: the bot keeps no names, so without
-- one a representative is shown by role and network only ("Representative 2 of ...").
CREATE TABLE rep_profiles (
    member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Declared interests: what (in Welsh and English) and since when ('2021', '2021-03' or
-- '2021-03-05'). A withdrawn interest keeps its row, with withdrawn_at, so the record of what
-- was declared and when stays for as long as the representative does.
CREATE TABLE interests (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    what_cy TEXT NOT NULL,
    what_en TEXT NOT NULL,
    since TEXT NOT NULL,
    declared_at TEXT NOT NULL,
    changed_at TEXT,
    withdrawn_at TEXT
);
CREATE INDEX interests_by_member ON interests(member_id, withdrawn_at);
