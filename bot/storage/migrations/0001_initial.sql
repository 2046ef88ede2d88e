-- Foundation: members, constituencies, roles, invites, audit log, pending input.
-- Times are ISO 8601 UTC text. A member row exists only after consent.

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    telegram_id INTEGER NOT NULL UNIQUE,
    chat_id INTEGER NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('cy', 'en')),
    self_description TEXT CHECK (self_description IN ('service_user', 'carer', 'both', 'prefer_not')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped', 'unreachable')),
    consented_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE constituencies (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_cy TEXT NOT NULL,
    name_en TEXT NOT NULL,
    self_join INTEGER NOT NULL DEFAULT 1 CHECK (self_join IN (0, 1)),
    archived_at TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE memberships (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    constituency_id INTEGER NOT NULL REFERENCES constituencies(id) ON DELETE CASCADE,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (member_id, constituency_id)
);
CREATE INDEX memberships_by_constituency ON memberships(constituency_id);

-- Representatives hold a role per constituency; coordinators have constituency_id NULL.
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('representative', 'coordinator')),
    constituency_id INTEGER REFERENCES constituencies(id) ON DELETE CASCADE,
    granted_at TEXT NOT NULL,
    CHECK ((role = 'coordinator') = (constituency_id IS NULL))
);
CREATE UNIQUE INDEX roles_unique ON roles(member_id, role, IFNULL(constituency_id, 0));

-- Only a hash of the invite payload is kept: a copy of the database yields no working links.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
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

-- Who did what: actor_id is SET NULL on /forget so the record of the action stays.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);

-- What a member's next text message means (a multi-step flow), so it survives a restart.
CREATE TABLE pending_input (
    member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
