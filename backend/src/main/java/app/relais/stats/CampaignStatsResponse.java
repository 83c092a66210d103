package app.relais.stats;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A campaign's funnel and failures; counts follow the definitions of docs/statistiques.md")
public record CampaignStatsResponse(UUID campaignId, @Schema(example = "Soldes de novembre") String name,
        @Schema(example = "sending") String status,
        @Schema(example = "1000", description = "Message 1 rows (one per recipient and run)") long recipients,
        @Schema(example = "120", description = "Message 1 still queued or sending") long pending,
        @Schema(example = "0.88", description = "(recipients - pending) / recipients") BigDecimal progress,
        @Schema(example = "850") long sent, @Schema(example = "800") long delivered, @Schema(example = "500") long read,
        @Schema(example = "30") long failed,
        @Schema(example = "95", description = "Distinct contacts who replied to the campaign") long replied,
        @Schema(example = "90") long message2Sent, @Schema(example = "60") long message2Read,
        BigDecimal deliveryRate, BigDecimal readRate, BigDecimal replyRate, BigDecimal failureRate,
        List<FunnelStage> funnel, List<FailureByCode> failures) {

    @Schema(name = "CampaignFunnelStage")
    public record FunnelStage(@Schema(example = "delivered") String stage, @Schema(example = "800") long count) {
    }

    @Schema(name = "CampaignFailureByCode")
    public record FailureByCode(@Schema(example = "63007") Integer errorCode, @Schema(example = "12") long count,
            @Schema(example = "Le contact n'a pas rejoint le sandbox WhatsApp.") String explanation) {
    }
}
