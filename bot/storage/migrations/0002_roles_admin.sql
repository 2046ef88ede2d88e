-- Roles, invitations and the audit log, as coordinators use them (issue 3).
-- Indexes only: the tables came with 0001.

-- /forget sets audit_log.actor_id to NULL: find a member's rows without a full scan.
CREATE INDEX audit_log_by_actor ON audit_log(actor_id);
-- Archiving a constituency withdraws its invitations; /invites lists the usable ones.
CREATE INDEX invites_by_constituency ON invites(constituency_id);
-- A constituency's representatives.
CREATE INDEX roles_by_constituency ON roles(constituency_id);
