package app.relais.stats;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Milestones reached on one day of the configured time zone")
public record DailyPoint(@Schema(example = "2026-11-25") LocalDate day, @Schema(example = "120") long sent,
        @Schema(example = "110") long delivered, @Schema(example = "70") long read,
        @Schema(example = "12") long replied, @Schema(example = "3") long failed) {
}
