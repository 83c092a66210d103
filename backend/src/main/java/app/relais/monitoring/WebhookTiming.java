package app.relais.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Prometheus relais_webhook_latency_seconds{outcome}: the time the API takes to answer a Twilio
 * callback (status or inbound), from the first filter to the response, by outcome (2xx, 4xx, 5xx).
 */
public class WebhookTiming {

    private static final String START = "relais.webhook.start";

    @Inject
    MeterRegistry registry;

    @Inject
    app.relais.delivery.CallbackPressure pressure;

    @ServerRequestFilter(priority = 10)
    public void start(ContainerRequestContext context) {
        if (context.getUriInfo().getPath().startsWith("/api/webhooks/")) {
            context.setProperty(START, System.nanoTime());
        }
    }

    @ServerResponseFilter
    public void stop(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        if (start instanceof Long t) {
            long took = System.nanoTime() - t;
            timer(registry, (response.getStatus() / 100) + "xx").record(took, TimeUnit.NANOSECONDS);
            // The engine slows down while the webhook answers slowly (see CallbackPressure).
            pressure.observe(took);
        }
    }

    static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("relais_webhook_latency_seconds").tag("outcome", outcome)
                .description("Time to answer a Twilio callback").publishPercentileHistogram(false).register(registry);
    }
}
