package app.relais.messages.log;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A contact who wrote to us, with the newest message either way. WhatsApp lets a business answer
 * freely only within 24 hours of the contact's last message: {@code windowOpen} and
 * {@code windowClosesAt} say whether that window is open.
 */
@Schema(name = "Conversation")
public record ConversationResponse(UUID contactId, @Schema(example = "+22997000000") String phone,
        @Schema(example = "Awa Koné") String contactName, String profileName, boolean optedOut,
        OffsetDateTime lastInboundAt, boolean windowOpen, OffsetDateTime windowClosesAt,
        @Schema(description = "Replies received since an admin last opened the thread (or marked it read)", example = "2") long unreadCount,
        MessageResponse lastMessage) {
}
