-- A campaign that sent something is archived instead of deleted (issue 13): deleting it cascaded to
-- its messages and the contacts' replies, so conversations and past statistics changed after the fact.
-- An archived campaign is hidden from the campaign list by default and can be restored.
ALTER TABLE campaigns ADD COLUMN archived_at timestamptz;
CREATE INDEX campaigns_active_created_at_idx ON campaigns (created_at DESC) WHERE archived_at IS NULL;
