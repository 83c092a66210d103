-- The conversations inbox lists contacts who wrote to us, most recent first (GET /api/conversations).
CREATE INDEX contacts_last_inbound_idx ON contacts (last_inbound_at DESC, id DESC) WHERE last_inbound_at IS NOT NULL;
