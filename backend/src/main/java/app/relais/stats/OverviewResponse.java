package app.relais.stats;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Dashboard KPIs over a period. Rates are between 0 and 1 (null when the denominator is 0); see docs/statistiques.md.")
public record OverviewResponse(
        @Schema(example = "7d") String period,
        @Schema(example = "2026-11-19T00:00:00+01:00") OffsetDateTime from,
        @Schema(example = "2026-11-25T15:04:00+01:00") OffsetDateTime to,
        @Schema(example = "Europe/Paris") String timeZone,
        @Schema(example = "120", description = "Messages that reached sent (or beyond) today") long sentToday,
        @Schema(example = "830") long sent,
        @Schema(example = "790") long delivered,
        @Schema(example = "512") long read,
        @Schema(example = "95") long replied,
        @Schema(example = "21") long failed,
        @Schema(example = "851", description = "sent + failed") long attempted,
        @Schema(example = "0.9283", description = "delivered / attempted; the dashboard's success rate") BigDecimal deliveryRate,
        @Schema(example = "0.6481", description = "read / delivered") BigDecimal readRate,
        @Schema(example = "0.1203", description = "replies / delivered") BigDecimal replyRate,
        @Schema(example = "0.0247", description = "failed / attempted") BigDecimal failureRate,
        @Schema(example = "1543") long contacts,
        @Schema(example = "12") long categories,
        @Schema(example = "34") long campaigns,
        @Schema(example = "2") long activeCampaigns,
        Cost estimatedCost) {

    @Schema(name = "OverviewCost", description = "sent × price per message (PRICE_PER_MESSAGE, the same price as the preflight)")
    public record Cost(@Schema(example = "4.15") BigDecimal amount, @Schema(example = "USD") String currency,
            @Schema(example = "0.0900") BigDecimal pricePerMessage) {
    }
}
