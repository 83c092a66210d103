package app.relais.stats;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One campaign message (Message 1 or Message 2) and its recipient")
public record RecipientResponse(UUID messageId, UUID contactId, @Schema(example = "+22997000000") String phone,
        @Schema(example = "Awa") String firstName, @Schema(example = "Koné") String lastName,
        @Schema(example = "message_1") String kind, @Schema(example = "read") String status,
        Integer errorCode, String errorExplanation, @Schema(example = "1") int attempts,
        OffsetDateTime queuedAt, OffsetDateTime sentAt, OffsetDateTime deliveredAt, OffsetDateTime readAt,
        OffsetDateTime failedAt) {
}
