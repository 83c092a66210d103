-- 5,000,000 campaign messages (50 campaigns × 100,000 contacts) + 100,000 inbound replies, spread
-- over the last 90 days. Bulk load, then the aggregates rebuilt once by stats_rebuild() (the same
-- function a migration runs on an existing database), so the result is what the triggers would
-- have produced row by row:
--   * this session runs with session_replication_role = replica: no trigger fires for ITS rows
--     (neither the statistics triggers nor the foreign-key checks; the rows are consistent by
--     construction). Other sessions (the running application) keep their triggers.
--   * the indexes and the primary/unique keys of messages are dropped during the load and rebuilt
--     afterwards (one sort each instead of 5 M random index insertions each); their definitions are
--     read from the catalog, so a new index in a migration is rebuilt too.
-- Needs a superuser (the embedded PostgreSQL's postgres user).
\timing on
\set ON_ERROR_STOP 1
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
SET session_replication_role = replica;

INSERT INTO contacts (phone_e164, first_name, last_name)
SELECT '+22990' || lpad(g::text, 7, '0'), 'Prenom' || g, 'Nom' || (g % 997) FROM generate_series(1, 100000) g
ON CONFLICT DO NOTHING;
INSERT INTO campaigns (name, status, message1_body, message2_body)
SELECT 'Bench ' || g, 'completed', 'Bonjour {{1}}', 'Merci !' FROM generate_series(1, 50) g;
CREATE TEMP TABLE bench_contacts AS SELECT id, row_number() OVER () AS n FROM contacts WHERE phone_e164 LIKE '+22990%';
CREATE TEMP TABLE bench_campaigns AS SELECT id, row_number() OVER () AS n FROM campaigns WHERE name LIKE 'Bench %';

-- Definitions to restore, in order: keys of messages, foreign keys pointing at messages, then plain indexes.
CREATE TEMP TABLE bench_ddl (ord int, drop_sql text, create_sql text);
INSERT INTO bench_ddl
SELECT CASE WHEN c.contype = 'f' THEN 3 ELSE 1 END,
       format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
FROM pg_constraint c
WHERE (c.conrelid = 'messages'::regclass AND c.contype IN ('p', 'u'))
   OR (c.confrelid = 'messages'::regclass AND c.contype = 'f');
INSERT INTO bench_ddl
SELECT 2, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = 'messages'::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = 'messages'::regclass);
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT drop_sql FROM bench_ddl ORDER BY ord DESC LOOP
        EXECUTE r.drop_sql;
    END LOOP;
END $$;

INSERT INTO messages (campaign_id, contact_id, kind, direction, body, status, error_code, queued_at, sent_at, delivered_at,
                      read_at, failed_at, created_at, updated_at)
SELECT c.id, k.id, 'message_1', 'outbound', 'Bonjour', s.status,
       CASE WHEN s.status IN ('failed', 'undelivered') THEN (ARRAY[63007, 21211, 30003, 63016])[1 + (k.n % 4)] END,
       s.q, CASE WHEN s.status IN ('sent', 'delivered', 'read') THEN s.q + interval '5 seconds' END,
       CASE WHEN s.status IN ('delivered', 'read') THEN s.q + interval '9 seconds' END,
       CASE WHEN s.status = 'read' THEN s.q + interval '3 minutes' END,
       CASE WHEN s.status IN ('failed', 'undelivered') THEN s.q + interval '6 seconds' END,
       s.q, s.q
FROM bench_campaigns c CROSS JOIN bench_contacts k
CROSS JOIN LATERAL (SELECT now() - (c.n * 1.7 + (k.n % 1000) / 1000.0) * interval '1 day' AS q,
                           CASE WHEN (k.n * 7 + c.n) % 100 < 5 THEN 'failed'
                                WHEN (k.n * 7 + c.n) % 100 < 7 THEN 'undelivered'
                                WHEN (k.n * 7 + c.n) % 100 < 15 THEN 'sent'
                                WHEN (k.n * 7 + c.n) % 100 < 50 THEN 'delivered'
                                ELSE 'read' END AS status) s;
INSERT INTO messages (campaign_id, contact_id, kind, direction, body, status, queued_at, received_at, created_at, updated_at)
SELECT c.id, k.id, 'reply', 'inbound', 'Oui merci', 'received', now() - c.n * 1.7 * interval '1 day' + interval '1 hour',
       now() - c.n * 1.7 * interval '1 day' + interval '1 hour', now() - c.n * 1.7 * interval '1 day' + interval '1 hour',
       now() - c.n * 1.7 * interval '1 day' + interval '1 hour'
FROM bench_campaigns c JOIN bench_contacts k ON k.n % 50 = c.n - 1;

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT create_sql FROM bench_ddl ORDER BY ord LOOP
        EXECUTE r.create_sql;
    END LOOP;
END $$;
SET session_replication_role = origin;
SELECT stats_rebuild();
VACUUM ANALYZE messages;
ANALYZE;
SELECT count(*) AS messages FROM messages;
