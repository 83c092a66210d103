-- Launch of a large campaign (issue 5). A launch writes every Message 1 row in one INSERT ... SELECT;
-- the statistics trigger of V6 ran once per row (a PL/pgSQL call, five milestone checks and one
-- INSERT into stats_deltas each): about half of a 100,000-row launch. Inserts and deletes now append
-- the very same delta rows once per statement, set-based, from the statement's transition table, in
-- the same transaction as before. Updates keep the per-row trigger of V6 (a trigger restricted to a
-- column list cannot have transition tables, and an update touches one row at a time anyway).

-- The deltas of rows that appear (sign 1) or disappear (sign -1): what stats_append(NULL, n) and
-- stats_append(o, NULL) append, row for row.
CREATE FUNCTION stats_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, new_status, error_code)
        SELECT n.campaign_id, n.kind, n.status, n.error_code FROM stats_new_messages n;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, n.campaign_id, n.kind, (ms = 'sent')::int, (ms = 'delivered')::int, (ms = 'read')::int,
               (ms = 'failed')::int, (ms = 'replied')::int
        FROM stats_new_messages n
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(n::messages, ms)) AS minute) t
        WHERE t.minute IS NOT NULL;
    RETURN NULL;
END $$;

CREATE FUNCTION stats_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, old_status, error_code)
        SELECT o.campaign_id, o.kind, o.status, o.error_code FROM stats_old_messages o;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, o.campaign_id, o.kind, -(ms = 'sent')::int, -(ms = 'delivered')::int, -(ms = 'read')::int,
               -(ms = 'failed')::int, -(ms = 'replied')::int
        FROM stats_old_messages o
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(o::messages, ms)) AS minute) t
        WHERE t.minute IS NOT NULL;
    RETURN NULL;
END $$;

DROP TRIGGER messages_stats_insert_delete ON messages;
CREATE TRIGGER messages_stats_insert AFTER INSERT ON messages
    REFERENCING NEW TABLE AS stats_new_messages
    FOR EACH STATEMENT EXECUTE FUNCTION stats_messages_inserted();
CREATE TRIGGER messages_stats_delete AFTER DELETE ON messages
    REFERENCING OLD TABLE AS stats_old_messages
    FOR EACH STATEMENT EXECUTE FUNCTION stats_messages_deleted();
