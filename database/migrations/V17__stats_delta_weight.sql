-- Launch of a large campaign, continued (issue 5). The statement-level triggers of V11 still appended
-- one status delta per row: 100,000 rows in stats_deltas for a 100,000-recipient launch (≈ 0.3 s of
-- the launch), then 100,000 rows for the fold to read and delete. A delta now carries a weight, the
-- number of messages it stands for: a statement appends one delta per (campaign, kind, status, error
-- code), and one minute delta per (minute, campaign, kind) with the milestones summed. The per-row
-- update trigger of V6 keeps appending deltas of weight 1. Readers sum the weight instead of counting
-- rows: the fold (app.relais.stats.StatsFolder), the status counts (StatsService) and campaign_counters.
ALTER TABLE stats_deltas ADD COLUMN weight integer NOT NULL DEFAULT 1;

-- Only a sent, delivered, read, failed or undelivered outbound message, or an inbound one, has a
-- milestone (stats_milestone_at returns NULL for every other row): the others are filtered out first
-- instead of calling the function five times for each of them.
CREATE OR REPLACE FUNCTION stats_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, new_status, error_code, weight)
        SELECT n.campaign_id, n.kind, n.status, n.error_code, count(*) FROM stats_new_messages n
        GROUP BY 1, 2, 3, 4;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, n.campaign_id, n.kind, sum((ms = 'sent')::int), sum((ms = 'delivered')::int),
               sum((ms = 'read')::int), sum((ms = 'failed')::int), sum((ms = 'replied')::int)
        FROM stats_new_messages n
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(n::messages, ms)) AS minute) t
        WHERE (n.direction = 'inbound' OR n.status IN ('sent', 'delivered', 'read', 'failed', 'undelivered'))
          AND t.minute IS NOT NULL
        GROUP BY 1, 2, 3;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, old_status, error_code, weight)
        SELECT o.campaign_id, o.kind, o.status, o.error_code, count(*) FROM stats_old_messages o
        GROUP BY 1, 2, 3, 4;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, o.campaign_id, o.kind, -sum((ms = 'sent')::int), -sum((ms = 'delivered')::int),
               -sum((ms = 'read')::int), -sum((ms = 'failed')::int), -sum((ms = 'replied')::int)
        FROM stats_old_messages o
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(o::messages, ms)) AS minute) t
        WHERE (o.direction = 'inbound' OR o.status IN ('sent', 'delivered', 'read', 'failed', 'undelivered'))
          AND t.minute IS NOT NULL
        GROUP BY 1, 2, 3;
    RETURN NULL;
END $$;

-- Campaign counters (V14) sum the weights.
CREATE OR REPLACE FUNCTION campaign_counters(ids uuid[])
RETURNS TABLE (campaign_id uuid, sent_count integer, delivered_count integer, read_count integer,
               failed_count integer, message2_sent_count integer)
LANGUAGE sql STABLE AS $$
    SELECT i.id,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status = 'read'), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('failed', 'undelivered')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_2' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer
    FROM unnest(ids) AS i(id)
    LEFT JOIN (
        SELECT s.campaign_id, s.kind, s.status, s.count AS c FROM stats_status_counts s WHERE s.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.new_status, d.weight FROM stats_deltas d
            WHERE d.new_status IS NOT NULL AND d.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.old_status, -d.weight FROM stats_deltas d
            WHERE d.old_status IS NOT NULL AND d.campaign_id = ANY (ids)
    ) x ON x.campaign_id = i.id
    GROUP BY i.id
$$;
