-- Mass messages with buttons (a poll's options, a meeting's RSVP) and documents Telegram
-- already holds (meeting papers, by file_id). Both are dropped once the row is sent, like
-- its text.
ALTER TABLE deliveries ADD COLUMN markup TEXT;
ALTER TABLE deliveries ADD COLUMN file_id TEXT;
