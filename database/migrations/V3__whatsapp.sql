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
