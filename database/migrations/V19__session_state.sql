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
