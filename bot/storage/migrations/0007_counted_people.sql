-- The one counting rule (issue 9). How a batch's counts may be shown (`bot.domain.counting`):
-- 'parts'    one group (a network, the representatives): a breakdown of its known whole;
-- 'combined' several groups at once (networks, everyone): only "fewer than k" or "k or more".
-- Several groups are never counted exactly: each can be asked for alone, and the difference
-- would give a small group away. Reports count recipients, not message parts: a text sent
-- in three parts to 4 people is 4, and the rule's minimum is about people.
ALTER TABLE delivery_batches ADD COLUMN counting TEXT NOT NULL DEFAULT 'parts'
    CHECK (counting IN ('parts', 'combined'));
ALTER TABLE delivery_batches ADD COLUMN people_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE delivery_batches ADD COLUMN people_unreachable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE delivery_batches ADD COLUMN people_failed INTEGER NOT NULL DEFAULT 0;
-- Batches finished before this: one message part per person is the best guess.
UPDATE delivery_batches SET people_sent = sent, people_unreachable = unreachable,
    people_failed = failed WHERE finished_at IS NOT NULL;
