-- Launch of a large campaign, continued (issue 5). The foreign key messages.campaign_id → campaigns ran
-- its check once per inserted row: a 100,000-recipient launch looked up and locked the same campaign
-- row 100,000 times, ≈ 0.7 s of a 3.4 s launch (EXPLAIN ANALYZE: "Trigger for constraint
-- messages_campaign_id_fkey: calls=100000"). The same guarantees now come from statement-level
-- triggers that do the work once per statement and campaign:
--   * INSERT into messages: every campaign named by the new rows is locked FOR KEY SHARE, as the
--     foreign key's check did (a concurrent DELETE of the campaign waits for this transaction, then its
--     cascade sees these rows; a campaign deleted first is not found and the insert fails with
--     SQLSTATE 23503 and the constraint name messages_campaign_id_fkey, as before);
--   * UPDATE of messages.campaign_id (nothing in the application does it): the same check, per row;
--   * DELETE of campaigns: their messages are deleted (was ON DELETE CASCADE);
--   * UPDATE of campaigns.id while messages reference it: refused (was NO ACTION);
--   * TRUNCATE campaigns (CASCADE): the campaigns' messages are deleted (TRUNCATE ... CASCADE emptied
--     messages; a TRUNCATE of messages from the trigger would collide with the tables the same
--     statement is truncating, such as interactions).
-- messages.contact_id keeps its foreign key: its check locks a different contact for every row, which a
-- set-based check costs just as much (measured, docs/benchmarks/engine.md).
ALTER TABLE messages DROP CONSTRAINT messages_campaign_id_fkey;

CREATE FUNCTION messages_campaign_exists_error(missing uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'insert or update on table "messages" violates foreign key constraint "messages_campaign_id_fkey"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'messages_campaign_id_fkey', TABLE = 'messages',
              SCHEMA = current_schema(),
              DETAIL = format('Key (campaign_id)=(%s) is not present in table "campaigns".', missing);
END $$;

CREATE FUNCTION messages_check_campaigns() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
    locked integer;
    missing uuid;
BEGIN
    SELECT array_agg(d.campaign_id) INTO ids
        FROM (SELECT DISTINCT n.campaign_id FROM messages_new_campaigns n WHERE n.campaign_id IS NOT NULL) d;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    -- In id order, so that two statements locking the same campaigns never deadlock on them.
    PERFORM 1 FROM campaigns c WHERE c.id = ANY (ids) ORDER BY c.id FOR KEY SHARE OF c;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < cardinality(ids) THEN
        SELECT i INTO missing FROM unnest(ids) AS i WHERE NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = i) LIMIT 1;
        PERFORM messages_campaign_exists_error(missing);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER messages_campaign_reference AFTER INSERT ON messages
    REFERENCING NEW TABLE AS messages_new_campaigns
    FOR EACH STATEMENT EXECUTE FUNCTION messages_check_campaigns();

CREATE FUNCTION messages_check_campaign_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM campaigns c WHERE c.id = NEW.campaign_id FOR KEY SHARE OF c;
    IF NOT FOUND THEN
        PERFORM messages_campaign_exists_error(NEW.campaign_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER messages_campaign_reference_update AFTER UPDATE OF campaign_id ON messages
    FOR EACH ROW WHEN (NEW.campaign_id IS NOT NULL AND NEW.campaign_id IS DISTINCT FROM OLD.campaign_id)
    EXECUTE FUNCTION messages_check_campaign_row();

CREATE FUNCTION campaigns_delete_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM messages m WHERE m.campaign_id IN (SELECT o.id FROM campaigns_deleted o);
    RETURN NULL;
END $$;

CREATE TRIGGER campaigns_messages_cascade AFTER DELETE ON campaigns
    REFERENCING OLD TABLE AS campaigns_deleted
    FOR EACH STATEMENT EXECUTE FUNCTION campaigns_delete_messages();

CREATE FUNCTION campaigns_keep_referenced_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM messages m WHERE m.campaign_id = OLD.id) THEN
        RAISE EXCEPTION 'update or delete on table "campaigns" violates foreign key constraint "messages_campaign_id_fkey" on table "messages"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'messages_campaign_id_fkey', TABLE = 'campaigns',
                  SCHEMA = current_schema(),
                  DETAIL = format('Key (id)=(%s) is still referenced from table "messages".', OLD.id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER campaigns_messages_keep_id BEFORE UPDATE OF id ON campaigns
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION campaigns_keep_referenced_id();

CREATE FUNCTION campaigns_truncate_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM messages WHERE campaign_id IS NOT NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER campaigns_messages_truncate AFTER TRUNCATE ON campaigns
    FOR EACH STATEMENT EXECUTE FUNCTION campaigns_truncate_messages();

-- Two indexes led with campaign_id: (campaign_id, status) and V5's (campaign_id, kind, status). Every
-- launched row went into both (≈ 0.25 s of a 100,000-recipient launch), and so did every status change.
-- The queries that named the status without the kind now name the kinds too (a queued message is
-- outbound: message_1, message_2, manual or test), which the remaining index serves.
DROP INDEX messages_campaign_status_idx;
