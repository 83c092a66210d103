-- A message has no Twilio SID until Twilio accepts it: every row a launch writes (100,000 for a large
-- campaign) went into the unique index on twilio_sid as a NULL. The index now holds only the SIDs; the
-- inbound insert names the predicate in its ON CONFLICT clause.
ALTER TABLE messages DROP CONSTRAINT messages_twilio_sid_key;
CREATE UNIQUE INDEX messages_twilio_sid_key ON messages (twilio_sid) WHERE twilio_sid IS NOT NULL;
