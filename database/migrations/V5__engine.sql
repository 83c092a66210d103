-- Delivery engine, version 5: what the engine needs on top of the V1 data model.

-- When the provider accepted the create (the SID is known): "Message 1 went out" for the reply window
-- and completion, independent of the status callbacks that move `status` forward later.
ALTER TABLE messages ADD COLUMN handed_at timestamptz;
-- Why a failed message failed for good: a transient error whose retries ran out, or a permanent one.
ALTER TABLE messages ADD COLUMN failure_kind text CHECK (failure_kind IN ('transient', 'permanent'));
-- Last time the id was put on the Redis Stream; NULL means "to be put there" (after a Redis flush,
-- a resume, or a transient failure whose next attempt is due).
ALTER TABLE messages ADD COLUMN enqueued_at timestamptz;

CREATE INDEX messages_campaign_kind_idx ON messages (campaign_id, kind, status);
CREATE INDEX messages_sending_claimed_idx ON messages (claimed_at) WHERE status = 'sending' AND twilio_sid IS NULL;

ALTER TABLE campaigns ADD COLUMN paused_at timestamptz;
-- Start of the failure-rate window: launch, resume and each new run start counting afresh, so the
-- failures that caused an auto-pause do not pause the campaign again the moment it resumes.
ALTER TABLE campaigns ADD COLUMN failure_window_from timestamptz;
