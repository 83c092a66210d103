-- Templates from Twilio's Content API (issue 13): a campaign made from a template keeps the template's
-- text as the contact reads it, taken when the campaign is saved or launched (placeholders the campaign
-- does not map already hold the template's default values; the mapped ones stay {{1}}, {{2}}…). Each
-- message then stores that text with its variables filled (messages.body), so previews, the message log
-- and conversations show words rather than a ContentSid, and history keeps them if the template goes.
ALTER TABLE campaigns ADD COLUMN message1_template_text text;
