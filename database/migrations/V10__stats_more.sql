-- Statistics, part 2 (issue 6).
--
-- Campaign counters without a hot row. Until now every status callback (webhook) and every engine
-- failure or Message 2 hand-over ran `UPDATE campaigns SET sent_count = sent_count + ...` on the
-- campaign's row: at 1,000+ callbacks/s on one campaign every writer queued on that row lock. The
-- counters are now read from the statistics read model of V6 (stats_status_counts, folded
-- periodically, plus the append-only stats_deltas not yet folded), which the messages trigger keeps
-- in the same transaction as the status change: exact at any moment, correct after crashes and
-- replays, and no writer ever waits for another. The campaigns.*_count columns are no longer
-- written (kept for the entity mapping; they stay 0 on new campaigns).
--
-- Definitions (one place; the campaign API and campaign.progress events use them):
--   sent_count          outbound messages of the campaign (Message 1 and 2) sent, delivered or read
--   delivered_count     outbound messages delivered or read
--   read_count          outbound messages read
--   failed_count        outbound messages failed or undelivered
--   message2_sent_count Message 2 sent, delivered or read (same as the stats funnel's message2Sent)
-- One row per requested id, zeros for a campaign without messages.
CREATE FUNCTION campaign_counters(ids uuid[])
RETURNS TABLE (campaign_id uuid, sent_count integer, delivered_count integer, read_count integer,
               failed_count integer, message2_sent_count integer)
LANGUAGE sql STABLE AS $$
    SELECT i.id,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status IN ('delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status = 'read'), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status IN ('failed', 'undelivered')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_2' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer
    FROM unnest(ids) AS i(id)
    LEFT JOIN (
        SELECT s.campaign_id, s.kind, s.status, s.count AS c FROM stats_status_counts s WHERE s.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.new_status, 1 FROM stats_deltas d
            WHERE d.new_status IS NOT NULL AND d.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.old_status, -1 FROM stats_deltas d
            WHERE d.old_status IS NOT NULL AND d.campaign_id = ANY (ids)
    ) x ON x.campaign_id = i.id
    GROUP BY i.id
$$;
