package app.relais.whatsapp;

/**
 * The classified result of one send: accepted by the provider, failed for now (retry later with
 * back-off), or failed for good (explain to the admin). An {@code Unknown} outcome means the request
 * may have reached the provider (timeout, 5xx): reconcile before any resend.
 */
public sealed interface SendOutcome {

    record Accepted(String sid, String status) implements SendOutcome {
    }

    record Transient(Integer twilioCode, int httpStatus, String message) implements SendOutcome {
    }

    record Permanent(Integer twilioCode, int httpStatus, String message) implements SendOutcome {
    }

    record Unknown(String message) implements SendOutcome {
    }
}
