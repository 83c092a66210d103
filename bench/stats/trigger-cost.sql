-- Write-path cost of the statistics trigger: the same 100,000 status updates (delivered -> read),
-- with and without the trigger, each rolled back.
\timing on
SET synchronous_commit = off;
CREATE TEMP TABLE sample AS SELECT id FROM messages WHERE status = 'delivered' LIMIT 100000;
BEGIN;
UPDATE messages SET status = 'read', read_at = now(), updated_at = now() WHERE id IN (SELECT id FROM sample);
ROLLBACK;
BEGIN;
ALTER TABLE messages DISABLE TRIGGER messages_stats_update;
UPDATE messages SET status = 'read', read_at = now(), updated_at = now() WHERE id IN (SELECT id FROM sample);
ROLLBACK;
