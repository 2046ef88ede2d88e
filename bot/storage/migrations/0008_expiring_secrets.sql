-- Anonymous counting under secrets that end with their day or week (issue 9).
-- The daily-limit and reach tags made so far were keyed with one long-lived key and the
-- member's row id, and whoever held that key could still link them to members. None may
-- outlive this upgrade: the day's limit starts again (for today only), and each reach mark
-- of a week not yet reported keeps counting as one person under a random tag that nothing
-- can recompute (someone who gives another view this week may be counted twice, once).
DELETE FROM view_quota;
UPDATE view_reach SET tag = lower(hex(randomblob(32)));
