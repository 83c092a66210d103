package app.relais.campaigns;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign with its live counters (recipients, sent, delivered, read, failed, replied, Message 2 sent, queued). */
@Schema(name = "Campaign", example = """
        {"id": "0b7d6f0e-3c59-4a8e-9d7c-2f9c1e0a4b11", "name": "Soldes de novembre", "status": "sending",
         "categoryIds": ["3f0e8d1c-8c55-4c1b-9f43-1a2b3c4d5e6f"], "contactIds": [], "message1Body": "Bonjour {{first_name}} !",
         "message1ContentSid": null, "message1Variables": {}, "message2Body": "Merci !", "scheduledAt": null,
         "timeZone": "Europe/Paris", "messagesPerSecond": null, "minDelayMs": null, "batchSize": null,
         "batchPauseSeconds": null, "failureRateThreshold": null, "failureRateWindow": null, "pauseReason": null,
         "runNumber": 1, "counters": {"recipients": 120, "queued": 40, "sent": 80, "delivered": 75, "read": 60,
         "failed": 2, "replied": 12, "message2Sent": 12}, "createdAt": "2026-11-25T08:00:00Z",
         "launchedAt": "2026-11-25T08:01:00Z", "completedAt": null, "stoppedAt": null, "archivedAt": null, "updatedAt": "2026-11-25T08:01:00Z"}""")
public record CampaignResponse(UUID id, String name, @Schema(enumeration = { CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.PAUSED, CampaignStatus.COMPLETED, CampaignStatus.STOPPED }) String status, List<UUID> categoryIds,
        @Schema(description = "Hand-picked contacts, in addition to the categories' members") List<UUID> contactIds, @Schema(nullable = true) String message1Body,
        @Schema(nullable = true) String message1ContentSid, Map<String, String> message1Variables, @Schema(nullable = true) String message2Body, @Schema(nullable = true) OffsetDateTime scheduledAt,
        String timeZone, @Schema(nullable = true) BigDecimal messagesPerSecond, @Schema(nullable = true) Integer minDelayMs, @Schema(nullable = true) Integer batchSize, @Schema(nullable = true) Integer batchPauseSeconds,
        @Schema(nullable = true) BigDecimal failureRateThreshold, @Schema(nullable = true) Integer failureRateWindow, @Schema(nullable = true, enumeration = { "daily_quota", "failure_rate", "manual", "no_recipients", "template_not_approved" }) String pauseReason, int runNumber,
        Counters counters, OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime launchedAt, @Schema(nullable = true) OffsetDateTime completedAt,
        @Schema(nullable = true) OffsetDateTime stoppedAt,
        @Schema(description = "When the campaign was archived (hidden from the list, history kept); null when not archived", nullable = true) OffsetDateTime archivedAt,
        OffsetDateTime updatedAt) {

    @Schema(name = "CampaignCounters")
    public record Counters(int recipients, long queued, int sent, int delivered, int read, int failed, long replied,
            int message2Sent) {
    }
}
