package app.relais.messages.log;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message with every status callback Twilio sent for it, in arrival order. */
@Schema(name = "MessageDetail")
public record MessageDetailResponse(MessageResponse message, List<StatusEvent> events) {

    @Schema(name = "MessageStatusEntry")
    public record StatusEvent(@Schema(example = "delivered") String status, Integer errorCode, String errorMessage,
            OffsetDateTime receivedAt) {
    }
}
