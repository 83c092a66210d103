package app.relais.messages;

import java.util.UUID;

/**
 * Fired (CDI, after commit) when an outbound message's status moved forward, from a callback, a send
 * or a reconciliation. Observed by the engine (failure-rate auto-pause, completion) and live events.
 */
public record MessageStatusChanged(UUID messageId, UUID campaignId, UUID contactId, String kind,
        MessageStatus previous, MessageStatus current, Integer errorCode) {
}
