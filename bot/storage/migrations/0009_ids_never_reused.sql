-- foreign_keys: off
-- Ids are never used twice (issue 9). SQLite gives a new row the highest id plus one, so
-- the id of the newest member was given again after they used /forget: the next person
-- inherited "member no. 12" in the audit log and in /roles, and (before the daily limit was
-- keyed on the Telegram identity) that member's count of views for the day. A stale
-- "Remove role 3" button, or an invitation's entry in the audit log, could likewise come to
-- mean a different role or link. AUTOINCREMENT keeps the highest id ever used.
-- (Ids above today's highest that were freed before this upgrade may be used once more.)

CREATE TABLE members_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_id INTEGER NOT NULL UNIQUE,
    chat_id INTEGER NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('cy', 'en')),
    self_description TEXT CHECK (self_description IN ('service_user', 'carer', 'both', 'prefer_not')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped', 'unreachable')),
    consented_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    menu_key TEXT NOT NULL DEFAULT ''
);
INSERT INTO members_new (id, telegram_id, chat_id, language, self_description, status,
    consented_at, created_at, menu_key)
    SELECT id, telegram_id, chat_id, language, self_description, status, consented_at,
    created_at, menu_key FROM members;
DROP TABLE members;
ALTER TABLE members_new RENAME TO members;

CREATE TABLE roles_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('representative', 'coordinator')),
    constituency_id INTEGER REFERENCES constituencies(id) ON DELETE CASCADE,
    granted_at TEXT NOT NULL,
    CHECK ((role = 'coordinator') = (constituency_id IS NULL))
);
INSERT INTO roles_new SELECT id, member_id, role, constituency_id, granted_at FROM roles;
DROP TABLE roles;
ALTER TABLE roles_new RENAME TO roles;
CREATE UNIQUE INDEX roles_unique ON roles(member_id, role, IFNULL(constituency_id, 0));
CREATE INDEX roles_by_constituency ON roles(constituency_id);

CREATE TABLE invites_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('member', 'representative', 'coordinator')),
    constituency_id INTEGER REFERENCES constituencies(id) ON DELETE CASCADE,
    max_uses INTEGER,
    uses INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
INSERT INTO invites_new SELECT id, token_hash, role, constituency_id, max_uses, uses,
    expires_at, revoked_at, created_by, created_at FROM invites;
DROP TABLE invites;
ALTER TABLE invites_new RENAME TO invites;
CREATE INDEX invites_by_constituency ON invites(constituency_id);
