-- Which command menu a member's chat was last given (language, role, command list), so a
-- stale one (after a role or language change, or an upgrade) is replaced on their next visit.
ALTER TABLE members ADD COLUMN menu_key TEXT NOT NULL DEFAULT '';
