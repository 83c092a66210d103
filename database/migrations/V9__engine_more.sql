-- Delivery engine: launches write their rows with enqueued_at NULL and the stream feeder pages them
-- into Redis; this partial index finds the rows still to feed without scanning every queued row.
CREATE INDEX messages_to_feed_idx ON messages (campaign_id) WHERE status = 'queued' AND enqueued_at IS NULL;
