package app.relais.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Twilio and webhook settings (env names as the seed: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN…). */
@ConfigMapping(prefix = "relais.whatsapp")
public interface WhatsAppConfig {

    /** TWILIO_ACCOUNT_SID; with the token absent too (and not in production) the simulator is used. */
    Optional<String> accountSid();

    /** TWILIO_AUTH_TOKEN: Basic auth of API calls and the key of X-Twilio-Signature. */
    Optional<String> authToken();

    /** TWILIO_SANDBOX_NUMBER: the WhatsApp sender, E.164. */
    @WithDefault("+14155238886")
    String sandboxNumber();

    /** TWILIO_MESSAGING_SERVICE_SID: when set, sends go through this Messaging Service instead of From. */
    Optional<String> messagingServiceSid();

    /** TWILIO_WEBHOOK_BASE_URL: the public base Twilio calls (https://…ngrok…); signatures are checked against it. */
    Optional<String> webhookBaseUrl();

    /**
     * TWILIO_API_BASE_URL: where the SDK's calls go (Twilio, the simulator, a test server). Every Twilio
     * host is sent there with its path kept: https://api.twilio.com/2010-04-01/… and
     * https://content.twilio.com/v1/Content… both become {base}/2010-04-01/… and {base}/v1/Content….
     */
    Optional<String> apiBaseUrl();

    @WithDefault("5S")
    Duration connectTimeout();

    /** Longest wait for Twilio's answer to one API call; past it a create's outcome is unknown. */
    @WithDefault("15S")
    Duration readTimeout();

    /** Concurrent connections to the API (the engine's concurrency is MPS × latency). */
    @WithDefault("64")
    int maxConnections();

    /** TWILIO_SIGNATURE_CHECK=false disables the X-Twilio-Signature check (development only, refused in production). */
    @WithDefault("true")
    boolean signatureCheck();

    /** How long the webhook waits for a row lock before answering 503 (Twilio waits 15 s at most). */
    @WithDefault("5S")
    Duration webhookLockTimeout();

    /** Threads committing status callbacks (each commits groups of callbacks that arrived together). */
    @WithDefault("2")
    int webhookWriters();

    /** The sandbox keyword users send to join ("join <code>"), shown in the join instructions. */
    Optional<String> sandboxJoinCode();
}
