package app.relais.campaigns;

import app.relais.delivery.QuotaResponse;
import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a launch would do: recipients after deduplication across categories, who is left out and why,
 * variables some recipients leave blank (name → how many), the quota left today, an ETA from the pacing
 * and the quota (days when the quota splits it), and the estimated cost.
 */
@Schema(name = "CampaignPreflight", example = """
        {"recipients": 1180, "contactsInCategories": 1200, "optedOutExcluded": 20, "notOnWhatsApp": 3,
         "sandboxMode": false, "notJoinedSandbox": 0, "blankVariables": {"first_name": 14},
         "quota": {"day": "2026-11-25", "timeZone": "Europe/Paris", "used": 300, "limit": 1000, "remaining": 700, "level": "OK"},
         "messagesPerSecond": 1.0, "etaSeconds": 1180, "daysNeeded": 2, "estimatedCost": 106.20, "currency": "USD", "pricePerMessage": 0.0900,
         "warnings": ["quota-split"]}""")
public record PreflightResponse(long recipients,
        @Schema(description = "Contacts targeted before exclusions: the categories' members and the hand-picked contacts, deduplicated") long contactsInCategories, long optedOutExcluded, long notOnWhatsApp,
        boolean sandboxMode, long notJoinedSandbox, Map<String, Long> blankVariables, QuotaResponse quota,
        double messagesPerSecond, long etaSeconds, int daysNeeded,
        @Schema(description = "recipients × pricePerMessage") BigDecimal estimatedCost, String currency,
        @Schema(description = "PRICE_PER_MESSAGE, the one price of every cost figure") BigDecimal pricePerMessage,
        @Schema(type = SchemaType.ARRAY, implementation = PreflightResponse.Warning.class) java.util.List<String> warnings) {

    /** The closed list of warnings, for the OpenAPI document only (CampaignPreflight writes them as strings). */
    @Schema(name = "PreflightWarning", type = SchemaType.STRING, enumeration = { "quota-split", "no-recipients",
            "blank-variables", "not-joined-sandbox" })
    public interface Warning {
    }
}
