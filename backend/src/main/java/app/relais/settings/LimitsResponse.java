package app.relais.settings;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The limits in force, read from the configuration: what the settings page shows and the wizard starts from. */
@Schema(example = """
        {"providerMode": "simulator", "sandboxMode": false,
         "pacing": {"messagesPerSecond": 80.0, "configured": false, "failureRateThreshold": 0.20, "failureRateWindow": 50},
         "sandboxPreset": {"messagesPerSecond": 0.333, "minDelayMs": 3000},
         "dailyMessageLimit": 1000, "timeZone": "Europe/Paris", "pricePerMessage": 0.0900, "currency": "USD",
         "replyWindowHours": 24, "retryBackoffSeconds": [60, 120, 240]}""")
public record LimitsResponse(
        @Schema(description = "simulator, twilio_sandbox or twilio") String providerMode,
        @Schema(description = "true when the Twilio sandbox preset is the pacing in force") boolean sandboxMode,
        Pacing pacing,
        @Schema(description = "The Twilio sandbox's own limit: 1 message every 3 seconds") Pacing.SandboxPreset sandboxPreset,
        @Schema(description = "DAILY_MESSAGE_LIMIT: messages per day across all campaigns") int dailyMessageLimit,
        @Schema(description = "TZ: the time zone that cuts the quota day and the statistics") String timeZone,
        @Schema(description = "PRICE_PER_MESSAGE: the one price of every cost figure") BigDecimal pricePerMessage,
        @Schema(description = "PRICE_CURRENCY (ISO 4217)") String currency,
        @Schema(description = "Hours after Message 1 during which a reply triggers Message 2 (WhatsApp's 24 h window)") long replyWindowHours,
        @Schema(description = "Back-off before each retry of a transient failure") List<Long> retryBackoffSeconds) {

    /** The engine's default pacing, which a campaign may only slow down (per-campaign fields). */
    @Schema(name = "LimitsPacing")
    public record Pacing(
            @Schema(description = "Global rate shared by every instance; 0 = unpaced") double messagesPerSecond,
            @Schema(description = "false when the rate is the default of the provider mode (DELIVERY_MESSAGES_PER_SECOND unset)") boolean configured,
            @Schema(description = "A campaign pauses itself when this share of its last failureRateWindow Message 1 failed") double failureRateThreshold,
            int failureRateWindow) {

        @Schema(name = "LimitsSandboxPreset")
        public record SandboxPreset(double messagesPerSecond, int minDelayMs) {
        }
    }
}
