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
        UUID campaignId, @Schema(example = "Soldes de novembre") String campaignName,
        UUID contactId, @Schema(example = "+22997000000") String phone, @Schema(example = "Awa Koné") String contactName,
        @Schema(example = "Bonjour Awa, -20 % ce week-end !") String body,
        @Schema(description = "Twilio Content template, when Message 1 was a template") String contentSid,
        @Schema(description = "Media of an inbound message: url and contentType") List<Media> media,
        @Schema(example = "delivered", enumeration = { "queued", "sending", "sent", "delivered", "read", "failed",
                "undelivered", "received" }) String status,
        @Schema(example = "63016") Integer errorCode, String errorMessage,
        @Schema(description = "The error explained with its fix, in the caller's language") String errorExplanation,
        @Schema(enumeration = { "transient", "permanent" }) String failureKind, int attempts,
        @Schema(example = "SM0123456789abcdef0123456789abcdef") String twilioSid,
        OffsetDateTime createdAt, OffsetDateTime sentAt, OffsetDateTime deliveredAt, OffsetDateTime readAt,
        OffsetDateTime failedAt, OffsetDateTime receivedAt) {

    public record Media(String url, String contentType) {
    }
}
