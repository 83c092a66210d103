package app.relais.monitoring;

import app.relais.messages.MessageStatus;
import app.relais.messages.MessageStatusChanged;
import app.relais.events.SseClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Relais metrics for Prometheus. Counters count the status changes this instance committed (sum
 * them across instances); gauges read the queue and quota at scrape time, cached 5 s so that a
 * scrape every second costs one query per 5 s. Webhook latency is Quarkus' own
 * http_server_requests_seconds{uri="/api/webhooks/twilio"}.
 */
@ApplicationScoped
public class RelaisMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    QueueSource queueSource;

    @Inject
    MonitoringService monitoring;

    @Inject
    SseClients sseClients;

    private Cached<QueueSnapshot> queue;
    private Cached<MonitoringResponse.Quota> quota;

    void onStart(@Observes StartupEvent ev) {
        queue = new Cached<>(() -> queueSource.snapshot());
        quota = new Cached<>(() -> monitoring.quota(Instant.now()));
        Gauge.builder("relais_queue_depth", () -> queue.get().depth()).description("Messages waiting to be sent").register(registry);
        Gauge.builder("relais_queue_oldest_age_seconds", () -> {
            Long age = queue.get().oldestAgeSeconds();
            return age == null ? 0 : age;
        }).description("Age of the oldest waiting message").register(registry);
        Gauge.builder("relais_queue_in_flight", () -> queue.get().inFlight()).description("Messages being sent").register(registry);
        Gauge.builder("relais_quota_used", () -> quota.get().used()).description("Messages counted against today's quota").register(registry);
        Gauge.builder("relais_quota_limit", () -> quota.get().limit()).description("Today's quota").register(registry);
        Gauge.builder("relais_quota_level", () -> quota.get().level().ordinal())
                .description("0 OK, 1 ATTENTION, 2 DANGER, 3 BLOCKED").register(registry);
        Gauge.builder("relais_sse_clients", sseClients, SseClients::count).description("Live-event clients on this instance").register(registry);
        Gauge.builder("relais_sse_dropped_slow_clients", sseClients, SseClients::droppedSlowClients)
                .description("Live-event clients closed because they fell behind (they reconnect)").register(registry);
        // Registered at zero so that every series exists before its first event (dashboards, alerts).
        for (String kind : new String[] { "message_1", "message_2" }) {
            Counter.builder("relais_messages_sent_total").tag("kind", kind)
                    .description("Messages that reached sent (or beyond)").register(registry);
        }
        Counter.builder("relais_messages_failed_total").tag("code", "none")
                .description("Messages that failed, by Twilio error code").register(registry);
        for (String scope : new String[] { "campaign", "global" }) {
            Counter.builder("relais_rate_limit_waits_total").tag("scope", scope)
                    .description("Sends that waited for their pacing slot").register(registry);
            Counter.builder("relais_rate_limit_wait_seconds_total").tag("scope", scope)
                    .description("Time spent waiting for pacing slots").register(registry);
        }
        for (String action : new String[] { "recorded", "requeued", "failed" }) {
            Counter.builder("relais_reconciler_actions_total").tag("action", action)
                    .description("Rows left sending without a SID, resolved by the reconciler").register(registry);
        }
        WebhookTiming.timer(registry, "2xx");
    }

    void onStatusChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageStatusChanged e) {
        if (e.current() == null) {
            return;
        }
        boolean wasSent = e.previous() != null && e.previous().rank() >= MessageStatus.SENT.rank() && !e.previous().isFinalFailure();
        if (!wasSent && !e.current().isFinalFailure() && e.current().rank() >= MessageStatus.SENT.rank()) {
            Counter.builder("relais_messages_sent_total").tag("kind", String.valueOf(e.kind()))
                    .description("Messages that reached sent (or beyond)").register(registry).increment();
        }
        if (e.current().isFinalFailure()) {
            Counter.builder("relais_messages_failed_total").tag("code", e.errorCode() == null ? "none" : e.errorCode().toString())
                    .description("Messages that failed, by Twilio error code").register(registry).increment();
        }
    }

    /** A value read at most every 5 s. */
    static final class Cached<T> {
        private final Supplier<T> loader;
        private volatile T value;
        private volatile long loadedAt;

        Cached(Supplier<T> loader) {
            this.loader = loader;
        }

        T get() {
            long now = System.nanoTime();
            if (value == null || now - loadedAt > 5_000_000_000L) {
                synchronized (this) {
                    if (value == null || System.nanoTime() - loadedAt > 5_000_000_000L) {
                        value = loader.get();
                        loadedAt = System.nanoTime();
                    }
                }
            }
            return value;
        }
    }
}
