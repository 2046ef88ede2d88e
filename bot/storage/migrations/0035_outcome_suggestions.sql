-- An outcome may answer a topic members suggested for a meeting of its network, once it was
-- put on the agenda (issue 12, once agenda suggestions exist). The suggestion stays as
-- anonymous as it was: nothing here references members.
ALTER TABLE outcomes ADD COLUMN suggestion_id INTEGER REFERENCES agenda_suggestions(id) ON DELETE SET NULL;
