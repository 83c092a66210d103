-- Unread replies per conversation (issue 13): an admin opening a contact's thread (or marking it read)
-- sets this time; the inbox counts the contact's inbound messages after it. One marker per contact: the
-- inbox is the team's, as on a shared WhatsApp number. Nullable without default: instant on a large table.
ALTER TABLE contacts ADD COLUMN conversation_read_at timestamptz;
