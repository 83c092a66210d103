package app.relais.whatsapp.simulator;

import java.time.OffsetDateTime;

/** One row of simulator_messages. */
public record SimulatedMessage(String sid, String accountSid, String direction, String phoneE164, String fromAddress,
        String toAddress, String body, String contentSid, String contentVariables, String messagingServiceSid,
        String statusCallback, String status, Integer errorCode, String errorMessage, OffsetDateTime dateCreated,
        OffsetDateTime dateSent, OffsetDateTime dateUpdated) {
}
