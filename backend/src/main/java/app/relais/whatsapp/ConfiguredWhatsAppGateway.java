package app.relais.whatsapp;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The application's {@link WhatsAppGateway}: a {@link TwilioGateway} built on first use from
 * {@link WhatsAppSetup} (first use, because the simulator's URL needs the HTTP port, known only once
 * the server listens).
 */
@ApplicationScoped
public class ConfiguredWhatsAppGateway implements WhatsAppGateway {

    private final WhatsAppSetup setup;
    private final int inFlight;
    private volatile TwilioGateway gateway;

    /**
     * The creates run on an event loop of their own (not the application's, which serve the HTTP API,
     * the webhooks and the Redis client: a burst of status callbacks must not delay a create's answer,
     * nor a burst of answers the Redis replies the engine waits for).
     */
    public ConfiguredWhatsAppGateway(WhatsAppSetup setup,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "relais.delivery.max-in-flight", defaultValue = "1000") int inFlight) {
        this.setup = setup;
        this.inFlight = inFlight;
    }

    public TwilioGateway delegate() {
        TwilioGateway g = gateway;
        if (g == null && setup.simulatorActive() && !setup.localPortKnown()) {
            // Called before the server listens on its random port: do not keep a gateway built for port 0.
            return new TwilioGateway(setup.gatewaySettings(), null, inFlight);
        }
        if (g == null) {
            synchronized (this) {
                if (gateway == null) {
                    gateway = new TwilioGateway(setup.gatewaySettings(), null, inFlight);
                }
                g = gateway;
            }
        }
        return g;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        return delegate().send(message);
    }

    @Override
    public java.util.concurrent.CompletableFuture<SendOutcome> sendAsync(OutboundMessage message) {
        return delegate().sendAsync(message);
    }

    @Override
    public Optional<ProviderMessage> fetch(String sid) {
        return delegate().fetch(sid);
    }

    @Override
    public java.util.stream.Stream<ProviderMessage> sentSince(OffsetDateTime since, int pageSize) {
        return delegate().sentSince(since, pageSize);
    }

    @Override
    public List<ProviderMessage> search(String toE164, OffsetDateTime since) {
        return delegate().search(toE164, since);
    }
}
