package app.relais.messages;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Fired (CDI, after the inbound message is committed) when a contact writes to us. The delivery
 * engine observes it for Message 2; the live-event stream forwards it to dashboards.
 */
public record InboundMessageReceived(UUID messageId, UUID contactId, String body, OffsetDateTime receivedAt,
        boolean optOut, boolean sandboxJoin) {
}
