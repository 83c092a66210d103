-- 5,000,000 campaign messages (50 campaigns × 100,000 contacts) + 100,000 inbound replies, spread
-- over the last 90 days, loaded with the statistics triggers off, then the aggregates rebuilt by
-- stats_rebuild() (the same function the migration runs on an existing database).
\timing on
SET synchronous_commit = off;
ALTER TABLE messages DISABLE TRIGGER messages_stats_insert_delete;
ALTER TABLE messages DISABLE TRIGGER messages_stats_update;
INSERT INTO contacts (phone_e164, first_name, last_name)
SELECT '+22990' || lpad(g::text, 7, '0'), 'Prenom' || g, 'Nom' || (g % 997) FROM generate_series(1, 100000) g
ON CONFLICT DO NOTHING;
INSERT INTO campaigns (name, status, message1_body, message2_body)
SELECT 'Bench ' || g, 'completed', 'Bonjour {{1}}', 'Merci !' FROM generate_series(1, 50) g;
CREATE TEMP TABLE bench_contacts AS SELECT id, row_number() OVER () AS n FROM contacts WHERE phone_e164 LIKE '+22990%';
CREATE TEMP TABLE bench_campaigns AS SELECT id, row_number() OVER () AS n FROM campaigns WHERE name LIKE 'Bench %';
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
ALTER TABLE messages ENABLE TRIGGER messages_stats_insert_delete;
ALTER TABLE messages ENABLE TRIGGER messages_stats_update;
SELECT stats_rebuild();
ANALYZE;
SELECT count(*) AS messages FROM messages;
