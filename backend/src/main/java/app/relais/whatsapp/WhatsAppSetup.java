package app.relais.whatsapp;

import app.relais.whatsapp.simulator.SimulatorConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Resolves, once, which provider is active and with which credentials and URLs. Simulator mode: no
 * TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN and not production; the SDK then talks to the app's own
 * /simulator endpoint, and the simulator's token signs and validates webhooks.
 */
@ApplicationScoped
public class WhatsAppSetup {

    private static final Logger LOG = Logger.getLogger(WhatsAppSetup.class);
    public static final String SIMULATOR_PATH = "/simulator";

    private final WhatsAppConfig config;
    private final SimulatorConfig simulator;
    private final boolean production;

    public WhatsAppSetup(WhatsAppConfig config, SimulatorConfig simulator,
            @ConfigProperty(name = "relais.environment", defaultValue = "development") String environment) {
        this.config = config;
        this.simulator = simulator;
        this.production = "production".equalsIgnoreCase(environment);
    }

    void onStart(@Observes StartupEvent event) {
        if (production && !hasCredentials()) {
            throw new IllegalStateException(
                    "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are required in production (the simulator is never used there)");
        }
        if (!simulatorActive() && config.webhookBaseUrl().isEmpty()) {
            if (production) {
                throw new IllegalStateException("TWILIO_WEBHOOK_BASE_URL is required in production (the public https address"
                        + " Twilio calls, e.g. https://relais.example.com)");
            }
            LOG.warn("TWILIO_WEBHOOK_BASE_URL is not set: Twilio cannot reach " + webhookUrl()
                    + " and no status or inbound message will arrive (see docs/Configuration_Twilio_WhatsApp_Sandbox_2025.md)");
        }
        if (!config.signatureCheck()) {
            if (production) {
                throw new IllegalStateException("TWILIO_SIGNATURE_CHECK=false is refused in production");
            }
            LOG.warn("*****************************************************************************");
            LOG.warn("* X-Twilio-Signature check is DISABLED (TWILIO_SIGNATURE_CHECK=false).        *");
            LOG.warn("* Anyone can post fake messages and statuses to /api/webhooks/twilio.         *");
            LOG.warn("* Development only: never run like this on a public address.                  *");
            LOG.warn("*****************************************************************************");
        }
        LOG.infof("WhatsApp provider: %s, sender %s, webhook %s", mode().value(), senderDescription(), webhookUrl());
    }

    public boolean hasCredentials() {
        return config.accountSid().isPresent() && config.authToken().isPresent();
    }

    public boolean simulatorActive() {
        return !production && !hasCredentials();
    }

    public ProviderMode mode() {
        if (simulatorActive()) {
            return ProviderMode.SIMULATOR;
        }
        boolean sandboxSender = config.messagingServiceSid().isEmpty() && "+14155238886".equals(config.sandboxNumber());
        return sandboxSender ? ProviderMode.TWILIO_SANDBOX : ProviderMode.TWILIO_PRODUCTION;
    }

    public String accountSid() {
        return simulatorActive() ? simulator.accountSid() : config.accountSid().orElse("");
    }

    /** The token Twilio (or the simulator) signs webhooks with. */
    public String authToken() {
        return simulatorActive() ? simulator.authToken() : config.authToken().orElse("");
    }

    public boolean signatureCheck() {
        return config.signatureCheck();
    }

    public String senderDescription() {
        return config.messagingServiceSid().orElse("whatsapp:" + config.sandboxNumber());
    }

    public String sandboxNumber() {
        return config.sandboxNumber();
    }

    /** The public base Twilio calls; in simulator mode without TWILIO_WEBHOOK_BASE_URL, the app itself. */
    public String publicBaseUrl() {
        return WebhookUrls.stripTrailingSlash(config.webhookBaseUrl().orElseGet(this::localBaseUrl));
    }

    /** The exact URL to paste into the Twilio console ("When a message comes in"). */
    public String webhookUrl() {
        return publicBaseUrl() + WebhookUrls.WEBHOOK_PATH;
    }

    public String apiBaseUrl() {
        if (simulatorActive()) {
            return localBaseUrl() + SIMULATOR_PATH;
        }
        return config.apiBaseUrl().orElse(RelaisTwilioHttpClient.TWILIO_API);
    }

    /** The app's own address on this machine; the port is read at run time (tests use a random one). */
    public String localBaseUrl() {
        return "http://localhost:" + localPort();
    }

    /** False until the HTTP server has bound a random port (port 0 configured). */
    public boolean localPortKnown() {
        return !"0".equals(localPort());
    }

    private static String localPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(key);
        if (port == null || "0".equals(port)) {
            port = ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("8000");
        }
        return port;
    }

    public String sandboxJoinCode() {
        return config.sandboxJoinCode().orElse(simulatorActive() ? simulator.joinKeyword().replaceFirst("(?i)^join\\s+", "") : "<code>");
    }

    public TwilioGateway.Settings gatewaySettings() {
        return new TwilioGateway.Settings(accountSid(), authToken(), apiBaseUrl(), config.sandboxNumber(),
                config.messagingServiceSid().orElse(null), publicBaseUrl(), config.connectTimeout(),
                config.readTimeout(), config.maxConnections());
    }

    public WhatsAppConfig config() {
        return config;
    }
}
