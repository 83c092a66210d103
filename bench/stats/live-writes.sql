-- Live status callbacks while the dashboard is read: :rate "delivered -> read" updates per second
-- (in batches every 100 ms, each committed) for at most :seconds seconds, through the statistics
-- trigger like the webhook's, so that unfolded deltas exist and the fold (and its vacuum) run
-- during the measurement. Run with psql -v rate=1000 -v seconds=90; cancelled by run.sh when done.
SET application_name = 'relais-bench-writes';
SET synchronous_commit = off;
CREATE TEMP TABLE bench_writes AS
    SELECT id, row_number() OVER () AS n FROM messages WHERE status = 'delivered' LIMIT :rate * :seconds;
CREATE INDEX ON bench_writes (n);
ANALYZE bench_writes;
SELECT set_config('bench.rate', :'rate', false), set_config('bench.seconds', :'seconds', false) \g /dev/null
DO $$
DECLARE
    per_batch int := greatest(1, current_setting('bench.rate')::int / 10);
    stop_at timestamptz := clock_timestamp() + current_setting('bench.seconds')::int * interval '1 second';
    i int := 0;
    next_at timestamptz := clock_timestamp();
BEGIN
    WHILE clock_timestamp() < stop_at LOOP
        UPDATE messages SET status = 'read', read_at = now(), updated_at = now()
        WHERE id IN (SELECT id FROM bench_writes WHERE n > i * per_batch AND n <= (i + 1) * per_batch) AND status = 'delivered';
        COMMIT;
        i := i + 1;
        next_at := next_at + interval '100 milliseconds';
        PERFORM pg_sleep(greatest(0, extract(epoch FROM next_at - clock_timestamp())));
    END LOOP;
END $$;
