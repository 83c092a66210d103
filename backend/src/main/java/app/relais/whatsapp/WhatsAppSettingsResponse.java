package app.relais.whatsapp;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the settings page shows about the WhatsApp connection. */
@Schema(example = "{\"provider\": \"twilio_sandbox\", \"sender\": \"whatsapp:+14155238886\", \"accountSid\": \"AC…9f2c\", "
        + "\"webhookUrl\": \"https://abcd-1234.ngrok-free.app/api/webhooks/twilio\", \"signatureCheck\": true, "
        + "\"lastWebhookAt\": \"2026-11-25T02:00:00Z\", \"lastWebhookValid\": true, \"lastWebhookKind\": \"status\", "
        + "\"sandbox\": {\"number\": \"+14155238886\", \"joinCode\": \"bright-tiger\", "
        + "\"instructionsFr\": \"Envoyez « join bright-tiger » au +14155238886 sur WhatsApp.\", "
        + "\"instructionsEn\": \"Send \\\"join bright-tiger\\\" to +14155238886 on WhatsApp.\"}}")
public record WhatsAppSettingsResponse(@Schema(enumeration = { "simulator", "twilio_sandbox", "twilio_production" }) String provider, String sender, @Schema(nullable = true) String accountSid, String webhookUrl,
        boolean signatureCheck,
        @Schema(description = "Last authentic webhook (refused ones are counted in rejectedWebhooks)", nullable = true) Instant lastWebhookAt,
        @Schema(description = "True when a webhook was received: only authentic ones are recorded", nullable = true) Boolean lastWebhookValid,
        @Schema(nullable = true) String lastWebhookKind,
        @Schema(description = "Webhooks refused (bad signature, another account) since Redis was last emptied", example = "0") long rejectedWebhooks,
        @Schema(description = "When the last one was refused", nullable = true) Instant lastRejectedWebhookAt,
        @Schema(description = "Why: signature or account", example = "signature", nullable = true, enumeration = { "signature", "account" }) String lastRejectedWebhookReason,
        @Schema(nullable = true) Sandbox sandbox) {

    @Schema(name = "WhatsAppSandbox")
    public record Sandbox(String number, String joinCode, String instructionsFr, String instructionsEn) {
    }
}
