package app.relais.stats;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Message 1 and Message 2 of the campaign that reached sent (or beyond) or failed in one bucket")
public record TimelinePoint(OffsetDateTime at, @Schema(example = "20") long sent, @Schema(example = "1") long failed) {
}
