package app.relais.stats;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RecentMessageResponse(UUID id, UUID campaignId, @Schema(example = "Soldes de novembre") String campaignName,
        UUID contactId, @Schema(example = "+22997000000") String phone, @Schema(example = "Awa Koné") String contactName,
        @Schema(example = "message_1") String kind, @Schema(example = "outbound") String direction,
        @Schema(example = "delivered") String status, @Schema(example = "Bonjour Awa…") String preview,
        Integer errorCode, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
