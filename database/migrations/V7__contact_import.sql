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
