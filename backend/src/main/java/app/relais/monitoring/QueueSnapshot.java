package app.relais.monitoring;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The send queue")
public record QueueSnapshot(@Schema(example = "240", description = "Messages waiting to be sent") long depth,
        @Schema(description = "When the oldest waiting message was queued") OffsetDateTime oldestQueuedAt,
        @Schema(example = "37", description = "Age of the oldest waiting message, seconds") Long oldestAgeSeconds,
        @Schema(example = "3", description = "Messages claimed by a worker and not finished") long inFlight,
        @Schema(example = "database", description = "Where the numbers come from") String source) {
}
