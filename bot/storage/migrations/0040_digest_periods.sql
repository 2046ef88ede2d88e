-- Digest periods follow one another (bot/domain/periods.py): last_sent_on, the day the last
-- scheduled digest went, is also the first day not yet delivered; last_from is the first
-- day of that digest's period, so /digest can show "last week" as exactly what was sent.
-- NULL for digests sent before this column existed: they covered the seven days before.
ALTER TABLE digest_schedules ADD COLUMN last_from TEXT;
