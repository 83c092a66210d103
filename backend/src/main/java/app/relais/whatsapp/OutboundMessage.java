package app.relais.whatsapp;

import java.util.Map;
import java.util.UUID;

/**
 * What to send: free text ({@code body}) or a Content template ({@code contentSid} + variables keyed
 * "1", "2"…; a body given with a template is its text for the record, never sent). {@code messageId} is
 * our row's id; it rides in the StatusCallback URL.
 */
public record OutboundMessage(UUID messageId, String toE164, String body, String contentSid,
        Map<String, String> contentVariables) {
}
