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
