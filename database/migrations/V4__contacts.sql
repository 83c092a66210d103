-- Contacts: search on names and digits with a trigram index on a generated column.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE contacts ADD COLUMN IF NOT EXISTS search text
    GENERATED ALWAYS AS (lower(first_name || ' ' || last_name || ' ' || phone_e164)) STORED;

CREATE INDEX IF NOT EXISTS contacts_search_trgm_idx ON contacts USING gin (search gin_trgm_ops);
CREATE INDEX IF NOT EXISTS contacts_last_name_idx ON contacts (lower(last_name), id);
