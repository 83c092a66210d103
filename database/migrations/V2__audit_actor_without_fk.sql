-- The audit log must outlive the people it names and record every actor, including API tokens
-- whose subject has no row in users: keep actor_id and actor_email as plain values.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_id_fkey;
