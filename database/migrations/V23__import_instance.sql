-- The instance that accepted an import: a job still "queued" lives only in that instance's memory
-- (its worker queue). When that instance is gone (heartbeat silent, or it restarted under the same
-- name), ImportJanitor ends the job "failed" at once instead of after 6 hours.
ALTER TABLE contact_imports ADD COLUMN instance_name text;
