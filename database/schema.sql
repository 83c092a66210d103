-- Relais database schema: GENERATED from database/migrations by generate_schema.sh. Do not edit.
-- Apply on an empty database: psql "$DATABASE_URL" -f database/schema.sql

-- ===== V1__data_model.sql =====
-- Relais data model, version 1.
-- database/migrations is the single source of truth: the backend packages these files and Flyway
-- runs them at start; database/schema.sql is their concatenation, kept identical by a test.
-- Every timestamp is timestamptz. Invariants live here, not only in Java.

-- Users of the dashboard and the API --------------------------------------------------------------
CREATE TABLE users (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email                 text        NOT NULL,
    full_name             text        NOT NULL DEFAULT '',
    password_hash         text        NOT NULL,
    role                  text        NOT NULL CHECK (role IN ('super_admin', 'admin')),
    active                boolean     NOT NULL DEFAULT true,
    must_change_password  boolean     NOT NULL DEFAULT false,
    failed_login_count    integer     NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
    locked_until          timestamptz,
    last_login_at         timestamptz,
    password_changed_at   timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_format CHECK (email = lower(email) AND position('@' IN email) > 1)
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Refresh tokens: rotated on every use; a reused token revokes its whole family.
CREATE TABLE refresh_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id    uuid        NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    revoked_at   timestamptz,
    user_agent   text,
    ip           text
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Contacts and categories -------------------------------------------------------------------------
CREATE TABLE contacts (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    phone_e164         text        NOT NULL CHECK (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    country_code       text        CHECK (country_code ~ '^[A-Z]{2}$'),
    first_name         text        NOT NULL DEFAULT '',
    last_name          text        NOT NULL DEFAULT '',
    attributes         jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(attributes) = 'object'),
    notes              text        NOT NULL DEFAULT '',
    whatsapp_status    text        NOT NULL DEFAULT 'unknown'
                                   CHECK (whatsapp_status IN ('unknown', 'ok', 'not_on_whatsapp')),
    opted_out          boolean     NOT NULL DEFAULT false,
    opted_out_at       timestamptz,
    opt_out_source     text        CHECK (opt_out_source IN ('inbound_keyword', 'admin', 'import', 'provider')),
    sandbox_joined_at  timestamptz,
    last_inbound_at    timestamptz,
    profile_name       text,
    inbound_only       boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contacts_phone_e164_key UNIQUE (phone_e164),
    CONSTRAINT contacts_opt_out_dated CHECK (NOT opted_out OR opted_out_at IS NOT NULL)
);
CREATE INDEX contacts_created_at_idx ON contacts (created_at DESC, id);

CREATE TABLE categories (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    colour       text        NOT NULL DEFAULT '#10B981' CHECK (colour ~ '^#[0-9A-Fa-f]{6}$'),
    description  text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX categories_name_key ON categories (lower(name));

CREATE TABLE category_contacts (
    category_id  uuid        NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    contact_id   uuid        NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (category_id, contact_id)
);
CREATE INDEX category_contacts_contact_idx ON category_contacts (contact_id);

-- Campaigns ---------------------------------------------------------------------------------------
CREATE TABLE campaigns (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                   text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    status                 text        NOT NULL DEFAULT 'draft'
                                       CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'completed', 'stopped')),
    message1_body          text,
    message1_content_sid   text        CHECK (message1_content_sid ~ '^HX[0-9a-fA-F]{32}$'),
    message1_variables     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    message2_body          text,
    scheduled_at           timestamptz,
    time_zone              text        NOT NULL DEFAULT 'Europe/Paris',
    -- Pacing; NULL means the engine's safe default.
    messages_per_second    numeric(8, 3) CHECK (messages_per_second > 0),
    min_delay_ms           integer     CHECK (min_delay_ms >= 0),
    batch_size             integer     CHECK (batch_size > 0),
    batch_pause_seconds    integer     CHECK (batch_pause_seconds >= 0),
    failure_rate_threshold numeric(5, 4) CHECK (failure_rate_threshold > 0 AND failure_rate_threshold <= 1),
    failure_rate_window    integer     CHECK (failure_rate_window > 0),
    pause_reason           text,
    run_number             integer     NOT NULL DEFAULT 1 CHECK (run_number >= 1),
    -- Counters maintained by the engine and the webhook, in the same transaction as the change.
    recipients_count       integer     NOT NULL DEFAULT 0,
    sent_count             integer     NOT NULL DEFAULT 0,
    delivered_count        integer     NOT NULL DEFAULT 0,
    read_count             integer     NOT NULL DEFAULT 0,
    failed_count           integer     NOT NULL DEFAULT 0,
    replied_count          integer     NOT NULL DEFAULT 0,
    message2_sent_count    integer     NOT NULL DEFAULT 0,
    created_by             uuid        REFERENCES users (id) ON DELETE SET NULL,
    launched_at            timestamptz,
    completed_at           timestamptz,
    stopped_at             timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                bigint      NOT NULL DEFAULT 0,
    CONSTRAINT campaigns_message1_present CHECK (message1_body IS NOT NULL OR message1_content_sid IS NOT NULL)
);
CREATE INDEX campaigns_status_idx ON campaigns (status);
CREATE INDEX campaigns_created_at_idx ON campaigns (created_at DESC);

CREATE TABLE campaign_categories (
    campaign_id  uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    category_id  uuid NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    PRIMARY KEY (campaign_id, category_id)
);
CREATE INDEX campaign_categories_category_idx ON campaign_categories (category_id);

-- Messages: every outbound and inbound WhatsApp message -------------------------------------------
CREATE TABLE messages (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id        uuid        REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id         uuid        NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    run_number         integer     NOT NULL DEFAULT 1,
    kind               text        NOT NULL CHECK (kind IN ('message_1', 'message_2', 'reply', 'manual', 'test')),
    direction          text        NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    body               text,
    content_sid        text,
    content_variables  jsonb,
    media              jsonb,
    from_address       text,
    to_address         text,
    twilio_sid         text,
    status             text        NOT NULL
                                   CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'read',
                                                     'failed', 'undelivered', 'received')),
    error_code         integer,
    error_message      text,
    attempts           integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at    timestamptz,
    claimed_by         text,
    claimed_at         timestamptz,
    queued_at          timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz,
    delivered_at       timestamptz,
    read_at            timestamptz,
    failed_at          timestamptz,
    received_at        timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_twilio_sid_key UNIQUE (twilio_sid),
    CONSTRAINT messages_direction_kind CHECK (
        (direction = 'inbound' AND kind = 'reply' AND status = 'received')
        OR (direction = 'outbound' AND kind <> 'reply' AND status <> 'received')),
    CONSTRAINT messages_campaign_kind CHECK (kind NOT IN ('message_1', 'message_2') OR campaign_id IS NOT NULL)
);
-- One Message 1 per campaign, contact and run; at most one Message 2 per campaign and contact.
CREATE UNIQUE INDEX messages_one_message1 ON messages (campaign_id, contact_id, run_number) WHERE kind = 'message_1';
CREATE UNIQUE INDEX messages_one_message2 ON messages (campaign_id, contact_id) WHERE kind = 'message_2';
CREATE INDEX messages_contact_idx ON messages (contact_id, created_at DESC);
CREATE INDEX messages_campaign_status_idx ON messages (campaign_id, status);
CREATE INDEX messages_created_at_idx ON messages (created_at DESC);
CREATE INDEX messages_pending_idx ON messages (status, next_attempt_at) WHERE status IN ('queued', 'sending');

-- Every status callback, once (idempotent on SID + status).
CREATE TABLE message_status_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id     uuid        REFERENCES messages (id) ON DELETE CASCADE,
    twilio_sid     text        NOT NULL,
    status         text        NOT NULL,
    error_code     integer,
    error_message  text,
    payload        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    received_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT message_status_events_sid_status_key UNIQUE (twilio_sid, status)
);
CREATE INDEX message_status_events_message_idx ON message_status_events (message_id);

-- What contacts do: replies, reactions, read receipts, opt-outs, sandbox joins, button presses.
CREATE TABLE interactions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id   uuid        NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    message_id   uuid        REFERENCES messages (id) ON DELETE SET NULL,
    campaign_id  uuid        REFERENCES campaigns (id) ON DELETE SET NULL,
    type         text        NOT NULL CHECK (type IN ('reply', 'reaction', 'read_receipt', 'opt_out', 'join', 'button')),
    body         text,
    payload      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interactions_contact_idx ON interactions (contact_id, occurred_at DESC);
CREATE INDEX interactions_campaign_idx ON interactions (campaign_id, occurred_at DESC) WHERE campaign_id IS NOT NULL;

-- Daily quota: the durable copy of the Redis counter, per sender and day (in the quota time zone).
CREATE TABLE daily_quota_counters (
    day          date        NOT NULL,
    sender       text        NOT NULL,
    sent_count   integer     NOT NULL DEFAULT 0 CHECK (sent_count >= 0),
    quota_limit  integer     NOT NULL CHECK (quota_limit > 0),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, sender)
);

-- Audit log of admin actions ----------------------------------------------------------------------
CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id     uuid        REFERENCES users (id) ON DELETE SET NULL,
    actor_email  text,
    action       text        NOT NULL,
    target_type  text,
    target_id    text,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    ip           text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_created_at_idx ON audit_log (created_at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, created_at DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);

-- ===== V2__audit_actor_without_fk.sql =====
-- The audit log must outlive the people it names and record every actor, including API tokens
-- whose subject has no row in users: keep actor_id and actor_email as plain values.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_id_fkey;

-- ===== V3__whatsapp.sql =====
-- WhatsApp feature, version 3: the built-in Twilio-compatible simulator's state.
-- Kept in PostgreSQL so several app instances agree, and so the dashboard can show what each
-- simulated phone received. Used only in simulator mode (no Twilio credentials, not production).

-- A simulated phone and how it behaves when a message is sent to it.
CREATE TABLE simulator_phones (
    phone_e164   text        PRIMARY KEY CHECK (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    behaviour    text        NOT NULL DEFAULT 'ok'
                             CHECK (behaviour IN ('ok', 'not_joined', 'not_on_whatsapp', 'unreachable')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Every message the simulated Messages API accepted (outbound-api) or a simulated phone sent (inbound).
CREATE TABLE simulator_messages (
    sid                    text        PRIMARY KEY CHECK (sid ~ '^(SM|MM)[0-9a-f]{32}$'),
    account_sid            text        NOT NULL,
    direction              text        NOT NULL CHECK (direction IN ('outbound-api', 'inbound')),
    phone_e164             text        NOT NULL,
    from_address           text        NOT NULL,
    to_address             text        NOT NULL,
    body                   text,
    content_sid            text,
    content_variables      jsonb,
    messaging_service_sid  text,
    status_callback        text,
    status                 text        NOT NULL,
    error_code             integer,
    error_message          text,
    date_created           timestamptz NOT NULL DEFAULT now(),
    date_sent              timestamptz,
    date_updated           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX simulator_messages_phone_idx ON simulator_messages (phone_e164, date_created DESC);
CREATE INDEX simulator_messages_to_idx ON simulator_messages (to_address, date_created DESC);

-- ===== V4__contacts.sql =====
-- Contacts: search on names and digits with a trigram index on a generated column.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE contacts ADD COLUMN IF NOT EXISTS search text
    GENERATED ALWAYS AS (lower(first_name || ' ' || last_name || ' ' || phone_e164)) STORED;

CREATE INDEX IF NOT EXISTS contacts_search_trgm_idx ON contacts USING gin (search gin_trgm_ops);
CREATE INDEX IF NOT EXISTS contacts_last_name_idx ON contacts (lower(last_name), id);

-- ===== V5__engine.sql =====
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

-- ===== V6__stats.sql =====
-- Statistics read model (issue 6).
-- Every change of a message row (insert, status update, delete) appends one delta row per
-- milestone that changed, in the same transaction as the change: inserts never contend on a hot
-- row, and a rolled-back change leaves no delta. A periodic fold (StatsFolder, one instance at a
-- time under an advisory lock) moves the deltas into per-hour and per-minute aggregates and into
-- per-campaign status counts, deleting the deltas in the same transaction: a crash before commit
-- leaves the deltas to fold again, after commit nothing is counted twice. Readers add the deltas
-- not yet folded, so answers are exact at any moment.
--
-- Milestones of a message (see docs/statistiques.md). Each is dated by a set-once timestamp, with a
-- fallback for callbacks that skipped a step (queued_at is never null):
--   sent      = outbound status in (sent, delivered, read)  at coalesce(sent_at, delivered_at, read_at, queued_at)
--   delivered = outbound status in (delivered, read)        at coalesce(delivered_at, read_at, sent_at, queued_at)
--   read      = outbound status = read                      at coalesce(read_at, delivered_at, sent_at, queued_at)
--   failed    = outbound status in (failed, undelivered)    at coalesce(failed_at, sent_at, queued_at)
--   replied   = inbound message (status received)          at coalesce(received_at, created_at)
-- Buckets are UTC minutes and hours, so the daily series can be cut in any whole-hour time zone.

-- When message m holds the milestone, its date; otherwise null.
CREATE FUNCTION stats_milestone_at(m messages, milestone text) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN milestone = 'replied' THEN
            CASE WHEN m.direction = 'inbound' THEN coalesce(m.received_at, m.created_at) END
        WHEN m.direction = 'inbound' THEN NULL
        WHEN milestone = 'sent' THEN
            CASE WHEN m.status IN ('sent', 'delivered', 'read') THEN coalesce(m.sent_at, m.delivered_at, m.read_at, m.queued_at) END
        WHEN milestone = 'delivered' THEN
            CASE WHEN m.status IN ('delivered', 'read') THEN coalesce(m.delivered_at, m.read_at, m.sent_at, m.queued_at) END
        WHEN milestone = 'read' THEN
            CASE WHEN m.status = 'read' THEN coalesce(m.read_at, m.delivered_at, m.sent_at, m.queued_at) END
        WHEN milestone = 'failed' THEN
            CASE WHEN m.status IN ('failed', 'undelivered') THEN coalesce(m.failed_at, m.sent_at, m.queued_at) END
    END
$$;

CREATE FUNCTION stats_minute(ts timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
$$ SELECT date_trunc('minute', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;

CREATE TABLE stats_deltas (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    minute       timestamptz,
    campaign_id  uuid,
    kind         text        NOT NULL,
    old_status   text,
    new_status   text,
    error_code   integer,
    sent         integer     NOT NULL DEFAULT 0,
    delivered    integer     NOT NULL DEFAULT 0,
    read         integer     NOT NULL DEFAULT 0,
    failed       integer     NOT NULL DEFAULT 0,
    replied      integer     NOT NULL DEFAULT 0
);

-- Per UTC minute (kept two days, for monitoring) and per UTC hour (kept, for the series).
CREATE TABLE stats_minutely (
    minute     timestamptz PRIMARY KEY,
    sent       bigint NOT NULL DEFAULT 0,
    delivered  bigint NOT NULL DEFAULT 0,
    read       bigint NOT NULL DEFAULT 0,
    failed     bigint NOT NULL DEFAULT 0,
    replied    bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_hourly (
    hour       timestamptz PRIMARY KEY,
    sent       bigint NOT NULL DEFAULT 0,
    delivered  bigint NOT NULL DEFAULT 0,
    read       bigint NOT NULL DEFAULT 0,
    failed     bigint NOT NULL DEFAULT 0,
    replied    bigint NOT NULL DEFAULT 0
);

-- Current number of messages per (campaign, kind, status, error code); a message without campaign
-- is counted under the nil uuid and one without error code under 0, so that the key has no null.
CREATE TABLE stats_status_counts (
    campaign_id  uuid    NOT NULL,
    kind         text    NOT NULL,
    status       text    NOT NULL,
    error_code   integer NOT NULL DEFAULT 0,
    count        bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, kind, status, error_code)
);

-- Appends the deltas that turn the image o (null on insert) into the image n (null on delete).
CREATE FUNCTION stats_append(o messages, n messages) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    ms text;
    ot timestamptz;
    nt timestamptz;
    same_key boolean := NOT (o IS NULL) AND NOT (n IS NULL)
        AND o.campaign_id IS NOT DISTINCT FROM n.campaign_id AND o.kind = n.kind;
BEGIN
    IF NOT same_key OR o.status <> n.status OR o.error_code IS DISTINCT FROM n.error_code THEN
        IF NOT (o IS NULL) THEN
            INSERT INTO stats_deltas (campaign_id, kind, old_status, error_code) VALUES (o.campaign_id, o.kind, o.status, o.error_code);
        END IF;
        IF NOT (n IS NULL) THEN
            INSERT INTO stats_deltas (campaign_id, kind, new_status, error_code) VALUES (n.campaign_id, n.kind, n.status, n.error_code);
        END IF;
    END IF;
    FOREACH ms IN ARRAY ARRAY['sent', 'delivered', 'read', 'failed', 'replied'] LOOP
        ot := CASE WHEN NOT (o IS NULL) THEN stats_minute(stats_milestone_at(o, ms)) END;
        nt := CASE WHEN NOT (n IS NULL) THEN stats_minute(stats_milestone_at(n, ms)) END;
        CONTINUE WHEN same_key AND ot IS NOT DISTINCT FROM nt;
        IF ot IS NOT NULL THEN
            INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
            VALUES (ot, o.campaign_id, o.kind, -(ms = 'sent')::int, -(ms = 'delivered')::int, -(ms = 'read')::int,
                    -(ms = 'failed')::int, -(ms = 'replied')::int);
        END IF;
        IF nt IS NOT NULL THEN
            INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
            VALUES (nt, n.campaign_id, n.kind, (ms = 'sent')::int, (ms = 'delivered')::int, (ms = 'read')::int,
                    (ms = 'failed')::int, (ms = 'replied')::int);
        END IF;
    END LOOP;
END $$;

CREATE FUNCTION stats_messages_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM stats_append(NULL, NEW);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM stats_append(OLD, NULL);
    ELSE
        PERFORM stats_append(OLD, NEW);
    END IF;
    RETURN NULL;
END $$;

-- Only updates of the columns the read model reads fire it: claims and attempts cost nothing.
CREATE TRIGGER messages_stats_insert_delete AFTER INSERT OR DELETE ON messages
    FOR EACH ROW EXECUTE FUNCTION stats_messages_trigger();
CREATE TRIGGER messages_stats_update
    AFTER UPDATE OF status, error_code, campaign_id, kind, direction, queued_at, sent_at, delivered_at, read_at, failed_at, received_at, created_at
    ON messages FOR EACH ROW EXECUTE FUNCTION stats_messages_trigger();

-- Failures of the last 24 h by error code (monitoring) without scanning every message.
CREATE INDEX messages_failed_at_idx ON messages (failed_at) WHERE failed_at IS NOT NULL;

-- Recomputes every aggregate from the messages table, e.g. after this migration on a database that
-- already holds messages, or after a bulk load with the trigger disabled. Writers wait meanwhile.
CREATE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE messages IN SHARE MODE;
    LOCK TABLE stats_deltas, stats_minutely, stats_hourly, stats_status_counts IN ACCESS EXCLUSIVE MODE;
    DELETE FROM stats_deltas;
    DELETE FROM stats_minutely;
    DELETE FROM stats_hourly;
    DELETE FROM stats_status_counts;
    CREATE TEMP TABLE stats_rebuild_points ON COMMIT DROP AS
        SELECT stats_minute(t) AS minute, sent, delivered, read, failed, replied FROM (
            SELECT stats_milestone_at(m, 'sent') AS t, 1 AS sent, 0 AS delivered, 0 AS read, 0 AS failed, 0 AS replied FROM messages m
            UNION ALL SELECT stats_milestone_at(m, 'delivered'), 0, 1, 0, 0, 0 FROM messages m
            UNION ALL SELECT stats_milestone_at(m, 'read'), 0, 0, 1, 0, 0 FROM messages m
            UNION ALL SELECT stats_milestone_at(m, 'failed'), 0, 0, 0, 1, 0 FROM messages m
            UNION ALL SELECT stats_milestone_at(m, 'replied'), 0, 0, 0, 0, 1 FROM messages m
        ) x WHERE t IS NOT NULL;
    INSERT INTO stats_hourly (hour, sent, delivered, read, failed, replied)
        SELECT date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', sum(sent), sum(delivered), sum(read), sum(failed), sum(replied)
        FROM stats_rebuild_points GROUP BY 1;
    INSERT INTO stats_minutely (minute, sent, delivered, read, failed, replied)
        SELECT minute, sum(sent), sum(delivered), sum(read), sum(failed), sum(replied)
        FROM stats_rebuild_points WHERE minute > now() - interval '2 days' GROUP BY 1;
    INSERT INTO stats_status_counts (campaign_id, kind, status, error_code, count)
        SELECT coalesce(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid), kind, status, coalesce(error_code, 0), count(*)
        FROM messages GROUP BY 1, 2, 3, 4;
    DROP TABLE stats_rebuild_points;
END $$;

SELECT stats_rebuild();

-- ===== V7__contact_import.sql =====
-- CSV import of contacts: one row per import job (any instance can answer its progress) and its
-- per-row report (failed rows and repaired numbers), downloadable as CSV.
CREATE TABLE contact_imports (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_by       uuid        REFERENCES users (id) ON DELETE SET NULL,
    file_name        text        NOT NULL DEFAULT '',
    file_size        bigint      NOT NULL DEFAULT 0,
    encoding         text,
    separator        text,
    status           text        NOT NULL DEFAULT 'queued'
                                 CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    dry_run          boolean     NOT NULL DEFAULT false,
    rows_read        integer     NOT NULL DEFAULT 0,
    created          integer     NOT NULL DEFAULT 0,
    updated          integer     NOT NULL DEFAULT 0,
    skipped          integer     NOT NULL DEFAULT 0,
    failed           integer     NOT NULL DEFAULT 0,
    repaired         integer     NOT NULL DEFAULT 0,
    -- Last file line whose row is committed (each chunk commits on its own).
    last_line        integer     NOT NULL DEFAULT 0,
    error_message    text,
    options          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
CREATE INDEX contact_imports_created_at_idx ON contact_imports (created_at DESC, id);

CREATE TABLE contact_import_rows (
    import_id   uuid    NOT NULL REFERENCES contact_imports (id) ON DELETE CASCADE,
    line        integer NOT NULL,
    kind        text    NOT NULL CHECK (kind IN ('failed', 'repaired', 'skipped')),
    raw_phone   text    NOT NULL DEFAULT '',
    phone_e164  text,
    reason      text    NOT NULL,
    PRIMARY KEY (import_id, line, kind)
);

-- ===== V8__contacts_search.sql =====
-- Contacts search at scale (1,000,000 rows): finer statistics on the generated `search` column, so that the
-- planner estimates how many contacts a search such as LIKE '%dupont%' matches. With the default target (100)
-- a 2 % match was estimated at 0.2 %, and the list read all 20,000 matches and sorted them (≈ 0.7 s) instead
-- of walking the newest-first index until the page is full (≈ 1 ms). The trigram index itself is V4's.
ALTER TABLE contacts ALTER COLUMN search SET STATISTICS 1000;
ANALYZE contacts;

-- ===== V9__engine_more.sql =====
-- Delivery engine: launches write their rows with enqueued_at NULL and the stream feeder pages them
-- into Redis; this partial index finds the rows still to feed without scanning every queued row.
CREATE INDEX messages_to_feed_idx ON messages (campaign_id) WHERE status = 'queued' AND enqueued_at IS NULL;

-- ===== V10__stats_more.sql =====
-- Statistics, part 2 (issue 6).
--
-- Campaign counters without a hot row. Until now every status callback (webhook) and every engine
-- failure or Message 2 hand-over ran `UPDATE campaigns SET sent_count = sent_count + ...` on the
-- campaign's row: at 1,000+ callbacks/s on one campaign every writer queued on that row lock. The
-- counters are now read from the statistics read model of V6 (stats_status_counts, folded
-- periodically, plus the append-only stats_deltas not yet folded), which the messages trigger keeps
-- in the same transaction as the status change: exact at any moment, correct after crashes and
-- replays, and no writer ever waits for another. The campaigns.*_count columns are no longer
-- written (kept for the entity mapping; they stay 0 on new campaigns).
--
-- Definitions (one place; the campaign API and campaign.progress events use them):
--   sent_count          outbound messages of the campaign (Message 1 and 2) sent, delivered or read
--   delivered_count     outbound messages delivered or read
--   read_count          outbound messages read
--   failed_count        outbound messages failed or undelivered
--   message2_sent_count Message 2 sent, delivered or read (same as the stats funnel's message2Sent)
-- One row per requested id, zeros for a campaign without messages.
CREATE FUNCTION campaign_counters(ids uuid[])
RETURNS TABLE (campaign_id uuid, sent_count integer, delivered_count integer, read_count integer,
               failed_count integer, message2_sent_count integer)
LANGUAGE sql STABLE AS $$
    SELECT i.id,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status IN ('delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status = 'read'), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind <> 'reply' AND x.status IN ('failed', 'undelivered')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_2' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer
    FROM unnest(ids) AS i(id)
    LEFT JOIN (
        SELECT s.campaign_id, s.kind, s.status, s.count AS c FROM stats_status_counts s WHERE s.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.new_status, 1 FROM stats_deltas d
            WHERE d.new_status IS NOT NULL AND d.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.old_status, -1 FROM stats_deltas d
            WHERE d.old_status IS NOT NULL AND d.campaign_id = ANY (ids)
    ) x ON x.campaign_id = i.id
    GROUP BY i.id
$$;

-- ===== V11__launch_stats_statement_triggers.sql =====
-- Launch of a large campaign (issue 5). A launch writes every Message 1 row in one INSERT ... SELECT;
-- the statistics trigger of V6 ran once per row (a PL/pgSQL call, five milestone checks and one
-- INSERT into stats_deltas each): about half of a 100,000-row launch. Inserts and deletes now append
-- the very same delta rows once per statement, set-based, from the statement's transition table, in
-- the same transaction as before. Updates keep the per-row trigger of V6 (a trigger restricted to a
-- column list cannot have transition tables, and an update touches one row at a time anyway).

-- The deltas of rows that appear (sign 1) or disappear (sign -1): what stats_append(NULL, n) and
-- stats_append(o, NULL) append, row for row.
CREATE FUNCTION stats_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, new_status, error_code)
        SELECT n.campaign_id, n.kind, n.status, n.error_code FROM stats_new_messages n;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, n.campaign_id, n.kind, (ms = 'sent')::int, (ms = 'delivered')::int, (ms = 'read')::int,
               (ms = 'failed')::int, (ms = 'replied')::int
        FROM stats_new_messages n
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(n::messages, ms)) AS minute) t
        WHERE t.minute IS NOT NULL;
    RETURN NULL;
END $$;

CREATE FUNCTION stats_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, old_status, error_code)
        SELECT o.campaign_id, o.kind, o.status, o.error_code FROM stats_old_messages o;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, o.campaign_id, o.kind, -(ms = 'sent')::int, -(ms = 'delivered')::int, -(ms = 'read')::int,
               -(ms = 'failed')::int, -(ms = 'replied')::int
        FROM stats_old_messages o
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(o::messages, ms)) AS minute) t
        WHERE t.minute IS NOT NULL;
    RETURN NULL;
END $$;

DROP TRIGGER messages_stats_insert_delete ON messages;
CREATE TRIGGER messages_stats_insert AFTER INSERT ON messages
    REFERENCING NEW TABLE AS stats_new_messages
    FOR EACH STATEMENT EXECUTE FUNCTION stats_messages_inserted();
CREATE TRIGGER messages_stats_delete AFTER DELETE ON messages
    REFERENCING OLD TABLE AS stats_old_messages
    FOR EACH STATEMENT EXECUTE FUNCTION stats_messages_deleted();

