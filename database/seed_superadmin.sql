-- Relais seed users (as the seed's guide gives them). Idempotent: run it as often as you like.
--   psql "$DATABASE_URL" -f database/seed_superadmin.sql
-- Passwords are bcrypt (cost 12) hashes of SuperAdmin2024! and Admin2024!. Both accounts must
-- change their password at first sign-in: change them before exposing the API.
-- The backend also creates these two users at start when they are missing.
INSERT INTO users (email, full_name, password_hash, role, active, must_change_password)
VALUES
    ('superadmin@chatbot.local', 'Super Admin',
     '$2a$12$nD8Kb/6AA.Jt1CRaGeEvd.qz4Ca16DRRXjUCRuWK2sMC1XX0uBFXq', 'super_admin', true, true),
    ('admin@chatbot.local', 'Admin',
     '$2a$12$iZxAKvqtWk6/UIaHUTcdxeJ/Bf6yFtWMB0Pc0Q.Cp5obFDqlksame', 'admin', true, true)
ON CONFLICT (email) DO NOTHING;
