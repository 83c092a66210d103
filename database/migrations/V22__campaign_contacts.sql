-- Hand-picked recipients (issue 13): a campaign targets chosen contacts as well as categories ("send a
-- test campaign to the test contact"). The launch takes the union with the categories' members
-- (deduplicated, opted-out contacts excluded); the preflight counts them alike.
CREATE TABLE campaign_contacts (
    campaign_id  uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id   uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_contacts_contact_idx ON campaign_contacts (contact_id);
