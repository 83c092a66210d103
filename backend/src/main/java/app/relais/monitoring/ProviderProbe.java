package app.relais.monitoring;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Twilio reachability, probed in the background every minute (never on the request path): any HTTP
 * answer from the API base URL, even 401/404, means reachable; a timeout or refused connection does not.
 * With the simulator as the provider there is nothing to reach: it is reported reachable.
 */
@ApplicationScoped
public class ProviderProbe {

    public record Result(String state, Instant checkedAt, Long latencyMs, String detail) {
    }

    @Inject
    MonitoringConfig config;

    @Inject
    app.relais.whatsapp.WhatsAppSetup setup;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private volatile Result last = new Result("unknown", null, null, "not probed yet");

    public Result last() {
        if (setup.simulatorActive()) {
            // The simulator answers inside this process: nothing to probe, and no reason to call the
            // first run's monitoring degraded because this machine cannot reach api.twilio.com.
            return new Result("reachable", Instant.now(), 0L, "simulator (in this process)");
        }
        return config.providerProbe() ? last : new Result("unknown", null, null, "probe disabled");
    }

    @Scheduled(every = "60s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        if (!config.providerProbe() || setup.simulatorActive()) {
            return;
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(config.providerUrl()))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            last = new Result("reachable", Instant.now(), (System.nanoTime() - start) / 1_000_000, "HTTP " + r.statusCode());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            last = new Result("unreachable", Instant.now(), null, e.getClass().getSimpleName());
        }
    }
}
