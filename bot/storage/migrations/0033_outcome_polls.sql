-- An outcome may answer a closed poll of its network (issue 12, once polls exist): "You said"
-- is then the poll's question and, if its author shared them, its results.
ALTER TABLE outcomes ADD COLUMN poll_id INTEGER REFERENCES polls(id) ON DELETE SET NULL;
