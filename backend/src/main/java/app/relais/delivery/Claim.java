package app.relais.delivery;

import java.util.Map;
import java.util.UUID;

/** A message row this worker claimed (queued → sending), with what rendering it needs. */
public record Claim(UUID id, UUID campaignId, UUID contactId, String kind, int attempts, String phone,
        String firstName, String lastName, Map<String, String> attributes, boolean optedOut, String message1Body,
        String message1ContentSid, Map<String, String> message1Variables, String message2Body,
        String message1TemplateText) {

    public boolean isMessage2() {
        return "message_2".equals(kind);
    }
}
