package app.relais.delivery;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The day's quota: messages sent today (quota day in the configured time zone), the limit, the level. */
@Schema(name = "Quota", example = "{\"day\": \"2026-11-25\", \"timeZone\": \"Europe/Paris\", \"used\": 760, \"limit\": 1000,"
        + " \"remaining\": 240, \"level\": \"ATTENTION\"}")
public record QuotaResponse(LocalDate day, String timeZone, long used, long limit, long remaining, QuotaLevel level) {
}
