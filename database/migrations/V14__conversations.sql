-- The conversations inbox lists contacts who wrote to us, most recent first (GET /api/conversations).
CREATE INDEX contacts_last_inbound_idx ON contacts (last_inbound_at DESC, id DESC) WHERE last_inbound_at IS NOT NULL;

-- Status poll (app.relais.whatsapp.StatusPoller): a message Twilio accepted whose status callbacks never
-- came (lost to a crash, a proxy, a misconfigured webhook URL) is asked for its status, at most once per
-- re-poll interval.
ALTER TABLE messages ADD COLUMN status_polled_at timestamptz;
CREATE INDEX messages_unconfirmed_idx ON messages (handed_at) WHERE status = 'sending' AND twilio_sid IS NOT NULL;
