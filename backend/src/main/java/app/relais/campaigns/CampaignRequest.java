package app.relais.campaigns;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A campaign to create (POST) or the fields to change (PATCH: absent fields keep their value). Message 1
 * is a text ({@code message1Body}, variables {{first_name}}, {{last_name}}, {{phone}}, {{any attribute}})
 * or an approved Twilio template ({@code message1ContentSid} + {@code message1Variables} keyed "1", "2"…).
 */
@Schema(name = "CampaignRequest", example = """
        {"name": "Soldes de novembre", "categoryIds": ["3f0e8d1c-8c55-4c1b-9f43-1a2b3c4d5e6f"],
         "message1Body": "Bonjour {{first_name}}, nos soldes commencent demain ! Répondez OUI pour en savoir plus.",
         "message2Body": "Merci {{first_name}} ! Voici le lien : https://exemple.fr/soldes",
         "scheduledAt": "2026-12-01T09:00:00+01:00", "timeZone": "Europe/Paris",
         "messagesPerSecond": 1, "minDelayMs": 1500, "batchSize": 50, "batchPauseSeconds": 60}""")
public record CampaignRequest(
        @Schema(maxLength = 200) String name,
        List<UUID> categoryIds,
        @Schema(description = "Hand-picked contacts, in addition to the categories' members (deduplicated with them)") List<UUID> contactIds,
        @Schema(maxLength = 1600) String message1Body,
        @Schema(pattern = "^HX[0-9a-fA-F]{32}$") String message1ContentSid,
        Map<String, String> message1Variables,
        @Schema(maxLength = 1600) String message2Body,
        OffsetDateTime scheduledAt,
        String timeZone,
        BigDecimal messagesPerSecond,
        Integer minDelayMs,
        Integer batchSize,
        Integer batchPauseSeconds,
        BigDecimal failureRateThreshold,
        Integer failureRateWindow) {
}
