package app.relais.whatsapp;

import java.util.UUID;

/** A Twilio status callback: which message (our id from the URL, Twilio's SID), which status, which error. */
public record StatusCallback(UUID messageId, String sid, String status, Integer errorCode, String errorMessage,
        String payloadJson) {
}
