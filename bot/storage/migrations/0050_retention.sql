-- Keep no more than needed, for no longer than needed (issue 9): the day each kind of
-- clearing-out last ran, so it runs once a day however often the clock ticks, and after a
-- restart picks up where it left off.
CREATE TABLE housekeeping (
    task TEXT PRIMARY KEY,
    last_day TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE INDEX invites_by_expiry ON invites(expires_at);
CREATE INDEX deliveries_settled ON deliveries(updated_at) WHERE status != 'pending';
