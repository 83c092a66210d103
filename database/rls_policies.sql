-- Row-level security for Supabase (or any PostgreSQL exposed through PostgREST).
--   psql "$DATABASE_URL" -f database/rls_policies.sql
-- Every table of the public schema gets RLS enabled and no policy at all: Supabase's `anon` and
-- `authenticated` roles (the public API keys) read and write nothing. The backend connects as the
-- tables' owner, which RLS does not restrict (no FORCE), so the application is unaffected.
-- Runs cleanly on a plain PostgreSQL where the Supabase roles do not exist. Idempotent; run it again
-- after adding tables.
DO $$
DECLARE
    t record;
    r text;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.tablename);
    END LOOP;
    FOREACH r IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', r);
            EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', r);
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM %I', r);
        END IF;
    END LOOP;
END
$$;
