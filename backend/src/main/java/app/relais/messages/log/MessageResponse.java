package app.relais.messages.log;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One message as the messages log, a conversation and the message detail show it. */
@Schema(name = "Message")
public record MessageResponse(UUID id,
        @Schema(example = "outbound", enumeration = { "outbound", "inbound" }) String direction,
        @Schema(example = "message_1", enumeration = { "message_1", "message_2", "reply", "manual", "test" }) String kind,
        @Schema(nullable = true) UUID campaignId, @Schema(example = "Soldes de novembre", nullable = true) String campaignName,
        UUID contactId, @Schema(example = "+22997000000") String phone, @Schema(example = "Awa Koné", nullable = true) String contactName,
        @Schema(description = "What the contact read or wrote; for a template, the template's text with the variables filled, kept as sent", example = "Bonjour Awa, -20 % ce week-end !", nullable = true) String body,
        @Schema(description = "Twilio Content template, when Message 1 was a template", nullable = true) String contentSid,
        @Schema(description = "Media of an inbound message: url and contentType", nullable = true) List<Media> media,
        @Schema(example = "delivered", enumeration = { "queued", "sending", "sent", "delivered", "read", "failed",
                "undelivered", "received" }) String status,
        @Schema(example = "63016", nullable = true) Integer errorCode, @Schema(nullable = true) String errorMessage,
        @Schema(description = "The error explained with its fix, in the caller's language", nullable = true) String errorExplanation,
        @Schema(enumeration = { "transient", "permanent" }, nullable = true) String failureKind, int attempts,
        @Schema(example = "SM0123456789abcdef0123456789abcdef", nullable = true) String twilioSid,
        OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime sentAt, @Schema(nullable = true) OffsetDateTime deliveredAt, @Schema(nullable = true) OffsetDateTime readAt,
        @Schema(nullable = true) OffsetDateTime failedAt, @Schema(nullable = true) OffsetDateTime receivedAt) {

    @Schema(name = "MessageMedia")
    public record Media(String url, String contentType) {
    }
}
