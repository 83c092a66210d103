-- The conversations inbox lists contacts who wrote to us, most recent first (GET /api/conversations).
CREATE INDEX contacts_last_inbound_idx ON contacts (last_inbound_at DESC, id DESC) WHERE last_inbound_at IS NOT NULL;

-- Status poll (app.relais.whatsapp.StatusPoller): a message Twilio accepted whose status callbacks never
-- came (lost to a crash, a proxy, a misconfigured webhook URL) is asked for its status, at most once per
-- re-poll interval.
ALTER TABLE messages ADD COLUMN status_polled_at timestamptz;
CREATE INDEX messages_unconfirmed_idx ON messages (handed_at) WHERE status = 'sending' AND twilio_sid IS NOT NULL;

-- Campaign counters count Message 1 only (Message 2 has its own counter), like the campaign funnel of
-- /api/campaigns/{id}/stats: "sent 58 of 57 recipients" (Message 2 counted in) contradicted the funnel.
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
        SELECT d.campaign_id, d.kind, d.new_status, 1 FROM stats_deltas d
            WHERE d.new_status IS NOT NULL AND d.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.old_status, -1 FROM stats_deltas d
            WHERE d.old_status IS NOT NULL AND d.campaign_id = ANY (ids)
    ) x ON x.campaign_id = i.id
    GROUP BY i.id
$$;
