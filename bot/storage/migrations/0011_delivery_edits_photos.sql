-- The delivery queue edits messages and sends photos (issue 10: polls).
-- message_id: for a sent row that carried buttons, the message Telegram made, so it can be
--   edited later (a poll's buttons and its reader's answer taken off when it closes).
-- edit_of: a row that edits that message (in its chat) instead of sending a new one.
-- photo_id: a picture (a results chart) stored once however many rows send it; the
--   first send uploads it and Telegram's file_id serves every later one.
CREATE TABLE delivery_photos (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    content BLOB NOT NULL,
    file_id TEXT
);

ALTER TABLE deliveries ADD COLUMN message_id INTEGER;
ALTER TABLE deliveries ADD COLUMN edit_of INTEGER;
ALTER TABLE deliveries ADD COLUMN photo_id INTEGER REFERENCES delivery_photos(id) ON DELETE SET NULL;
