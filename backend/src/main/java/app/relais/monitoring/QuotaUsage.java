package app.relais.monitoring;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Messages counted against the daily quota of one sender today")
public record QuotaUsage(@Schema(example = "2026-11-25") LocalDate day, @Schema(example = "whatsapp:+14155238886") String sender,
        @Schema(example = "812") long used, @Schema(example = "1000") long limit, @Schema(example = "188") long left,
        @Schema(example = "ATTENTION") QuotaLevel level) {

    public static QuotaUsage of(LocalDate day, String sender, long used, long limit) {
        return new QuotaUsage(day, sender, used, limit, Math.max(0, limit - used), QuotaLevel.of(used, limit));
    }
}
