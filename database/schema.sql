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

-- ===== V12__stats_uncached.sql =====
-- Statistics, part 3 (issue 6): every dashboard answer cheap WITHOUT the per-instance cache.
--
-- 1. Row counts of contacts, categories and campaigns without count(*). count(*) over 100,000
--    contacts costs ~20 ms and grows with the table. Statement-level triggers append one delta row
--    per statement (append-only, so concurrent imports never wait for each other, and a rolled-back
--    statement leaves nothing); StatsFolder folds them into stats_row_counts like the message deltas.
--    Readers add the deltas not folded yet: exact at any moment. TRUNCATE resets the count.
CREATE TABLE stats_row_counts (
    name   text   PRIMARY KEY,
    count  bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_row_count_deltas (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name   text   NOT NULL,
    delta  bigint NOT NULL
);

CREATE FUNCTION stats_row_count_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM stats_row_count_deltas WHERE name = TG_TABLE_NAME;
        UPDATE stats_row_counts SET count = 0 WHERE name = TG_TABLE_NAME;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO n FROM new_rows;
    ELSE
        SELECT -count(*) INTO n FROM old_rows;
    END IF;
    IF n <> 0 THEN
        INSERT INTO stats_row_count_deltas (name, delta) VALUES (TG_TABLE_NAME, n);
    END IF;
    RETURN NULL;
END $$;

-- A trigger with transition tables has one event: one trigger for inserts, one for deletes.
CREATE TRIGGER contacts_row_count_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER contacts_row_count_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER contacts_row_count_truncate AFTER TRUNCATE ON contacts
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER categories_row_count_insert AFTER INSERT ON categories REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER categories_row_count_delete AFTER DELETE ON categories REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER categories_row_count_truncate AFTER TRUNCATE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER campaigns_row_count_insert AFTER INSERT ON campaigns REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER campaigns_row_count_delete AFTER DELETE ON campaigns REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();
CREATE TRIGGER campaigns_row_count_truncate AFTER TRUNCATE ON campaigns
    FOR EACH STATEMENT EXECUTE FUNCTION stats_row_count_trigger();

-- Exact counts of the three tables: folded count + unfolded deltas.
CREATE FUNCTION stats_row_count(table_name text) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT count FROM stats_row_counts WHERE name = table_name), 0)
         + coalesce((SELECT sum(delta) FROM stats_row_count_deltas WHERE name = table_name), 0)::bigint
$$;

-- 2. Repliers of one campaign (campaign stats: count(DISTINCT contact_id) of its inbound replies)
--    from a small index-only scan instead of reading the campaign's rows of messages.
CREATE INDEX messages_campaign_replies_idx ON messages (campaign_id, contact_id) WHERE status = 'received';

-- 3. stats_rebuild(): one pass over messages for the five milestones (was five passes feeding an
--    11.85 M-row temporary table on the benchmark data): the minute of each milestone is computed
--    once per message and counted by GROUPING SETS, one small hash table per milestone
--    (measured on 5.1 M messages at load 11-13: 13 s instead of 39 s). Same results as the V6 version,
--    plus the row counts above.
CREATE OR REPLACE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE messages, contacts, categories, campaigns IN SHARE MODE;
    LOCK TABLE stats_deltas, stats_minutely, stats_hourly, stats_status_counts, stats_row_counts, stats_row_count_deltas
        IN ACCESS EXCLUSIVE MODE;
    -- Five hash tables of at most one row per minute of history: keep them in memory.
    PERFORM set_config('work_mem', '64MB', true);
    DELETE FROM stats_deltas;
    DELETE FROM stats_minutely;
    DELETE FROM stats_hourly;
    DELETE FROM stats_status_counts;
    DELETE FROM stats_row_count_deltas;
    DELETE FROM stats_row_counts;
    CREATE TEMP TABLE stats_rebuild_points ON COMMIT DROP AS
        SELECT minute, sum(sent) AS sent, sum(delivered) AS delivered, sum(read) AS read, sum(failed) AS failed,
               sum(replied) AS replied
        FROM (
            SELECT CASE WHEN grouping(s) = 0 THEN s WHEN grouping(d) = 0 THEN d WHEN grouping(r) = 0 THEN r
                        WHEN grouping(f) = 0 THEN f ELSE rp END AS minute,
                   CASE WHEN grouping(s) = 0 THEN count(*) ELSE 0 END AS sent,
                   CASE WHEN grouping(d) = 0 THEN count(*) ELSE 0 END AS delivered,
                   CASE WHEN grouping(r) = 0 THEN count(*) ELSE 0 END AS read,
                   CASE WHEN grouping(f) = 0 THEN count(*) ELSE 0 END AS failed,
                   CASE WHEN grouping(rp) = 0 THEN count(*) ELSE 0 END AS replied
            FROM (SELECT stats_minute(stats_milestone_at(m, 'sent')) AS s, stats_minute(stats_milestone_at(m, 'delivered')) AS d,
                         stats_minute(stats_milestone_at(m, 'read')) AS r, stats_minute(stats_milestone_at(m, 'failed')) AS f,
                         stats_minute(stats_milestone_at(m, 'replied')) AS rp
                  FROM messages m) x
            GROUP BY GROUPING SETS ((s), (d), (r), (f), (rp))
        ) g
        WHERE minute IS NOT NULL
        GROUP BY minute;
    INSERT INTO stats_hourly (hour, sent, delivered, read, failed, replied)
        SELECT date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', sum(sent), sum(delivered), sum(read), sum(failed), sum(replied)
        FROM stats_rebuild_points GROUP BY 1;
    INSERT INTO stats_minutely (minute, sent, delivered, read, failed, replied)
        SELECT minute, sent, delivered, read, failed, replied
        FROM stats_rebuild_points WHERE minute > now() - interval '2 days';
    INSERT INTO stats_status_counts (campaign_id, kind, status, error_code, count)
        SELECT coalesce(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid), kind, status, coalesce(error_code, 0), count(*)
        FROM messages GROUP BY 1, 2, 3, 4;
    INSERT INTO stats_row_counts (name, count)
        VALUES ('contacts', (SELECT count(*) FROM contacts)), ('categories', (SELECT count(*) FROM categories)),
               ('campaigns', (SELECT count(*) FROM campaigns));
    DROP TABLE stats_rebuild_points;
END $$;

INSERT INTO stats_row_counts (name, count)
    VALUES ('contacts', (SELECT count(*) FROM contacts)), ('categories', (SELECT count(*) FROM categories)),
           ('campaigns', (SELECT count(*) FROM campaigns));

-- 4. The campaigns.*_count columns have not been written since V10 (counters come from
--    campaign_counters()); nothing reads them. recipients_count stays (written at launch).
ALTER TABLE campaigns
    DROP COLUMN sent_count,
    DROP COLUMN delivered_count,
    DROP COLUMN read_count,
    DROP COLUMN failed_count,
    DROP COLUMN replied_count,
    DROP COLUMN message2_sent_count;

-- ===== V13__categories_at_scale.sql =====
-- Categories at 1,000,000 contacts (issue #4).
--
-- 1. Member counts kept in categories.member_count, so GET /api/categories no longer counts 1.3 M memberships per
--    request (140-180 ms). Statement-level triggers on category_contacts add/subtract the rows each statement
--    inserted or deleted (bulk add/remove, import into a category, contact or category delete by cascade).
--
-- 2. A copy of contacts.search and contacts.created_at in category_contacts, the search indexed with the category
--    (GIN, btree_gin + pg_trgm), so "members of this category whose name or number contains X, newest first" reads
--    only the matching memberships and sorts them without reading the contacts. Before, the trigram index
--    returned every contact matching X (20,000 for a common name), each read from the table and probed in
--    category_contacts (110-140 ms with parallel workers, 1.7 s under load).
--    The copy is exact within each transaction:
--      - a membership takes its contact's values when inserted (BEFORE INSERT trigger), reading the row under
--        FOR KEY SHARE, the lock the foreign key takes anyway. An insert may give both values itself only when
--        its transaction holds the contact rows locked, as the CSV import does for the rows it has just upserted
--        and the bulk add does by reading them FOR KEY SHARE (it saves one lookup per membership);
--      - a contact whose name, number or creation time changes takes FOR UPDATE on its row first (BEFORE UPDATE),
--        which waits for any transaction adding it to a category, and whose inserts wait for it; then (AFTER
--        UPDATE) its memberships get the new values.
CREATE EXTENSION IF NOT EXISTS btree_gin;

ALTER TABLE categories ADD COLUMN member_count integer NOT NULL DEFAULT 0;
UPDATE categories k SET member_count = n.count
FROM (SELECT category_id, count(*) AS count FROM category_contacts GROUP BY category_id) n
WHERE n.category_id = k.id;

ALTER TABLE category_contacts ADD COLUMN search text, ADD COLUMN contact_created_at timestamptz;
UPDATE category_contacts cc SET search = c.search, contact_created_at = c.created_at
FROM contacts c WHERE c.id = cc.contact_id;
ALTER TABLE category_contacts ALTER COLUMN search SET NOT NULL, ALTER COLUMN contact_created_at SET NOT NULL;
ALTER TABLE category_contacts ALTER COLUMN search SET STATISTICS 1000;
CREATE INDEX category_contacts_search_idx ON category_contacts USING gin (category_id, search gin_trgm_ops);
-- A category's members newest first, without reading the contacts to sort them (the page reads its 26 rows).
CREATE INDEX category_contacts_newest_idx ON category_contacts (category_id, contact_created_at DESC, contact_id);

-- Member counts --------------------------------------------------------------------------------------------------
CREATE FUNCTION category_members_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d record;
BEGIN
    -- In category id order, so that two statements touching the same categories lock them in the same order.
    FOR d IN SELECT category_id, count(*) AS n FROM added GROUP BY category_id ORDER BY category_id LOOP
        UPDATE categories SET member_count = member_count + d.n WHERE id = d.category_id;
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION category_members_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT category_id, count(*) AS n FROM removed GROUP BY category_id ORDER BY category_id LOOP
        UPDATE categories SET member_count = member_count - d.n WHERE id = d.category_id;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER category_contacts_count_added AFTER INSERT ON category_contacts
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION category_members_added();
CREATE TRIGGER category_contacts_count_removed AFTER DELETE ON category_contacts
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION category_members_removed();

-- Search copy ----------------------------------------------------------------------------------------------------
CREATE FUNCTION category_contacts_take_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.search IS NOT NULL AND NEW.contact_created_at IS NOT NULL THEN
        RETURN NEW; -- given by a transaction that holds the contact row locked (see above)
    END IF;
    SELECT c.search, c.created_at INTO NEW.search, NEW.contact_created_at
    FROM contacts c WHERE c.id = NEW.contact_id FOR KEY SHARE;
    RETURN NEW; -- an unknown contact leaves search NULL: the foreign key or NOT NULL refuses the row
END $$;

CREATE TRIGGER category_contacts_search BEFORE INSERT OR UPDATE OF contact_id, search, contact_created_at
    ON category_contacts
    FOR EACH ROW EXECUTE FUNCTION category_contacts_take_search();

CREATE FUNCTION contacts_lock_for_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM contacts c WHERE c.id = OLD.id FOR UPDATE;
    RETURN NEW;
END $$;

CREATE FUNCTION contacts_copy_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE category_contacts SET search = NEW.search, contact_created_at = NEW.created_at WHERE contact_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER contacts_search_lock BEFORE UPDATE OF first_name, last_name, phone_e164, created_at ON contacts
    FOR EACH ROW WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
                       OR OLD.phone_e164 IS DISTINCT FROM NEW.phone_e164 OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION contacts_lock_for_search();
CREATE TRIGGER contacts_search_copy AFTER UPDATE OF first_name, last_name, phone_e164, created_at ON contacts
    FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION contacts_copy_search();

ANALYZE categories;
ANALYZE category_contacts;

-- ===== V14__conversations.sql =====
-- The conversations inbox lists contacts who wrote to us, most recent first (GET /api/conversations).
CREATE INDEX contacts_last_inbound_idx ON contacts (last_inbound_at DESC, id DESC) WHERE last_inbound_at IS NOT NULL;

-- Status poll (app.relais.whatsapp.StatusPoller): a message Twilio accepted whose status callbacks never
-- came (lost to a crash, a proxy, a misconfigured webhook URL) is asked for its status, at most once per
-- re-poll interval.
ALTER TABLE messages ADD COLUMN status_polled_at timestamptz;
CREATE INDEX messages_unconfirmed_idx ON messages (handed_at) WHERE status = 'sending' AND twilio_sid IS NOT NULL;

-- Campaign counters count Message 1 only (Message 2 has its own counter), like the campaign funnel of
-- /api/campaigns/{id}/stats: "sent 58 of 57 recipients" (Message 2 counted in) contradicted the funnel.
CREATE OR REPLACE FUNCTION campaign_counters(ids uuid[])
RETURNS TABLE (campaign_id uuid, sent_count integer, delivered_count integer, read_count integer,
               failed_count integer, message2_sent_count integer)
LANGUAGE sql STABLE AS $$
    SELECT i.id,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status = 'read'), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('failed', 'undelivered')), 0)::integer,
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

-- ===== V15__time_ordered_ids.sql =====
-- Time-ordered identifiers (UUID version 7, RFC 9562) for new rows.
--
-- gen_random_uuid() spreads the inserts of a growing table over its whole primary-key index: past the
-- size of shared_buffers every insert reads and dirties a random leaf page, and after each checkpoint
-- writes it whole to the WAL. A version 7 UUID starts with the time in milliseconds, so new keys land
-- on the rightmost leaf pages. Measured on the embedded PostgreSQL 17, 1,000,000 contacts inserted in
-- chunks of 5,000: 36.6 s with random identifiers, 22.1 s with time-ordered ones (docs/benchmarks/contacts.md).
-- The same holds for messages, 100,000 rows per campaign launch.
--
-- The identifiers stay opaque UUIDs for the API; existing rows keep theirs. The function costs ≈ 1.7 µs
-- a row more than gen_random_uuid(). PostgreSQL 18's built-in uuidv7() does the same; this one runs on 13+.
CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    -- 48 bits of Unix time in milliseconds, then gen_random_uuid()'s random bits with the version set to 7
    -- (its variant bits are already RFC 9562's).
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
               FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

ALTER TABLE users ALTER COLUMN id SET DEFAULT uuid_v7();
ALTER TABLE refresh_tokens ALTER COLUMN id SET DEFAULT uuid_v7();
ALTER TABLE contacts ALTER COLUMN id SET DEFAULT uuid_v7();
ALTER TABLE categories ALTER COLUMN id SET DEFAULT uuid_v7();
ALTER TABLE campaigns ALTER COLUMN id SET DEFAULT uuid_v7();
ALTER TABLE messages ALTER COLUMN id SET DEFAULT uuid_v7();
ALTER TABLE contact_imports ALTER COLUMN id SET DEFAULT uuid_v7();

-- ===== V16__messages_sid_index.sql =====
-- A message has no Twilio SID until Twilio accepts it: every row a launch writes (100,000 for a large
-- campaign) went into the unique index on twilio_sid as a NULL. The index now holds only the SIDs; the
-- inbound insert names the predicate in its ON CONFLICT clause.
ALTER TABLE messages DROP CONSTRAINT messages_twilio_sid_key;
CREATE UNIQUE INDEX messages_twilio_sid_key ON messages (twilio_sid) WHERE twilio_sid IS NOT NULL;

-- ===== V17__stats_delta_weight.sql =====
-- Launch of a large campaign, continued (issue 5). The statement-level triggers of V11 still appended
-- one status delta per row: 100,000 rows in stats_deltas for a 100,000-recipient launch (≈ 0.3 s of
-- the launch), then 100,000 rows for the fold to read and delete. A delta now carries a weight, the
-- number of messages it stands for: a statement appends one delta per (campaign, kind, status, error
-- code), and one minute delta per (minute, campaign, kind) with the milestones summed. The per-row
-- update trigger of V6 keeps appending deltas of weight 1. Readers sum the weight instead of counting
-- rows: the fold (app.relais.stats.StatsFolder), the status counts (StatsService) and campaign_counters.
ALTER TABLE stats_deltas ADD COLUMN weight integer NOT NULL DEFAULT 1;

-- Only a sent, delivered, read, failed or undelivered outbound message, or an inbound one, has a
-- milestone (stats_milestone_at returns NULL for every other row): the others are filtered out first
-- instead of calling the function five times for each of them.
CREATE OR REPLACE FUNCTION stats_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, new_status, error_code, weight)
        SELECT n.campaign_id, n.kind, n.status, n.error_code, count(*) FROM stats_new_messages n
        GROUP BY 1, 2, 3, 4;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, n.campaign_id, n.kind, sum((ms = 'sent')::int), sum((ms = 'delivered')::int),
               sum((ms = 'read')::int), sum((ms = 'failed')::int), sum((ms = 'replied')::int)
        FROM stats_new_messages n
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(n::messages, ms)) AS minute) t
        WHERE (n.direction = 'inbound' OR n.status IN ('sent', 'delivered', 'read', 'failed', 'undelivered'))
          AND t.minute IS NOT NULL
        GROUP BY 1, 2, 3;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_deltas (campaign_id, kind, old_status, error_code, weight)
        SELECT o.campaign_id, o.kind, o.status, o.error_code, count(*) FROM stats_old_messages o
        GROUP BY 1, 2, 3, 4;
    INSERT INTO stats_deltas (minute, campaign_id, kind, sent, delivered, read, failed, replied)
        SELECT t.minute, o.campaign_id, o.kind, -sum((ms = 'sent')::int), -sum((ms = 'delivered')::int),
               -sum((ms = 'read')::int), -sum((ms = 'failed')::int), -sum((ms = 'replied')::int)
        FROM stats_old_messages o
        CROSS JOIN unnest(ARRAY['sent', 'delivered', 'read', 'failed', 'replied']) AS ms
        CROSS JOIN LATERAL (SELECT stats_minute(stats_milestone_at(o::messages, ms)) AS minute) t
        WHERE (o.direction = 'inbound' OR o.status IN ('sent', 'delivered', 'read', 'failed', 'undelivered'))
          AND t.minute IS NOT NULL
        GROUP BY 1, 2, 3;
    RETURN NULL;
END $$;

-- Campaign counters (V14) sum the weights.
CREATE OR REPLACE FUNCTION campaign_counters(ids uuid[])
RETURNS TABLE (campaign_id uuid, sent_count integer, delivered_count integer, read_count integer,
               failed_count integer, message2_sent_count integer)
LANGUAGE sql STABLE AS $$
    SELECT i.id,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('delivered', 'read')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status = 'read'), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_1' AND x.status IN ('failed', 'undelivered')), 0)::integer,
           coalesce(sum(x.c) FILTER (WHERE x.kind = 'message_2' AND x.status IN ('sent', 'delivered', 'read')), 0)::integer
    FROM unnest(ids) AS i(id)
    LEFT JOIN (
        SELECT s.campaign_id, s.kind, s.status, s.count AS c FROM stats_status_counts s WHERE s.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.new_status, d.weight FROM stats_deltas d
            WHERE d.new_status IS NOT NULL AND d.campaign_id = ANY (ids)
        UNION ALL
        SELECT d.campaign_id, d.kind, d.old_status, -d.weight FROM stats_deltas d
            WHERE d.old_status IS NOT NULL AND d.campaign_id = ANY (ids)
    ) x ON x.campaign_id = i.id
    GROUP BY i.id
$$;

-- ===== V18__messages_campaign_reference.sql =====
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

-- ===== V19__session_state.sql =====
-- Sessions that end at once (issue 11) and the refresh-rotation grace (issue 12).
-- session_generation: every access token carries the generation it was issued under; a password change,
-- an admin's reset or a deactivation bumps it, which ends every earlier token of the user.
-- session_version: bumped by every change of what a request must see (active, role, generation, a
-- session ended by logout or reuse); the shared cache (Redis) keeps the newest version only.
ALTER TABLE users
    ADD COLUMN session_generation integer NOT NULL DEFAULT 0,
    ADD COLUMN session_version    bigint  NOT NULL DEFAULT 0;

-- The successor a rotated refresh token answers again during the grace (two tabs refreshing at once),
-- encrypted with a key derived from SECRET_KEY; cleared once the grace is over.
ALTER TABLE refresh_tokens
    ADD COLUMN successor_secret text;
CREATE INDEX refresh_tokens_user_revoked_idx ON refresh_tokens (user_id, revoked_at) WHERE revoked_at IS NOT NULL;

-- ===== V20__campaign_archive.sql =====
-- A campaign that sent something is archived instead of deleted (issue 13): deleting it cascaded to
-- its messages and the contacts' replies, so conversations and past statistics changed after the fact.
-- An archived campaign is hidden from the campaign list by default and can be restored.
ALTER TABLE campaigns ADD COLUMN archived_at timestamptz;
CREATE INDEX campaigns_active_created_at_idx ON campaigns (created_at DESC) WHERE archived_at IS NULL;

-- ===== V21__conversation_read.sql =====
-- Unread replies per conversation (issue 13): an admin opening a contact's thread (or marking it read)
-- sets this time; the inbox counts the contact's inbound messages after it. One marker per contact: the
-- inbox is the team's, as on a shared WhatsApp number. Nullable without default: instant on a large table.
ALTER TABLE contacts ADD COLUMN conversation_read_at timestamptz;

-- ===== V22__campaign_contacts.sql =====
-- Hand-picked recipients (issue 13): a campaign targets chosen contacts as well as categories ("send a
-- test campaign to the test contact"). The launch takes the union with the categories' members
-- (deduplicated, opted-out contacts excluded); the preflight counts them alike.
CREATE TABLE campaign_contacts (
    campaign_id  uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id   uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_contacts_contact_idx ON campaign_contacts (contact_id);

-- ===== V23__import_instance.sql =====
-- The instance that accepted an import: a job still "queued" lives only in that instance's memory
-- (its worker queue). When that instance is gone (heartbeat silent, or it restarted under the same
-- name), ImportJanitor ends the job "failed" at once instead of after 6 hours.
ALTER TABLE contact_imports ADD COLUMN instance_name text;

-- ===== V24__campaign_template_text.sql =====
-- Templates from Twilio's Content API (issue 13): a campaign made from a template keeps the template's
-- text as the contact reads it, taken when the campaign is saved or launched (placeholders the campaign
-- does not map already hold the template's default values; the mapped ones stay {{1}}, {{2}}…). Each
-- message then stores that text with its variables filled (messages.body), so previews, the message log
-- and conversations show words rather than a ContentSid, and history keeps them if the template goes.
ALTER TABLE campaigns ADD COLUMN message1_template_text text;

