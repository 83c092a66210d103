package app.relais.whatsapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Remembers when the last authentic webhook arrived, for the settings page, and counts the refused
 * ones apart (bad or missing signature, another Twilio account): a request anyone can send must not
 * move what the settings page shows, but a stream of them is a security signal for the monitoring
 * page ({@code relais_webhook_rejected_total{reason}} and {@link #rejected()}). Kept in Redis so every
 * instance shows the same answer; the last webhook is written at most once a second per instance so
 * the webhook's hot path does not wait on Redis.
 */
@ApplicationScoped
public class WebhookMonitor {

    private static final Logger LOG = Logger.getLogger(WebhookMonitor.class);
    static final String KEY = "relais:whatsapp:last-webhook";
    static final String REJECTED_KEY = "relais:whatsapp:webhook-rejected";
    /** Why a webhook was refused: a bad or missing signature, or a valid one for another account. */
    public static final String SIGNATURE = "signature";
    public static final String ACCOUNT = "account";

    /** The last authentic webhook: when, and what it was (status, inbound). Always valid. */
    public record LastWebhook(Instant at, boolean valid, String kind) {
        String encode() {
            return at.toEpochMilli() + "|" + valid + "|" + kind;
        }

        static Optional<LastWebhook> decode(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String[] parts = value.split("\\|", 3);
            if (parts.length < 3) {
                return Optional.empty();
            }
            return Optional.of(new LastWebhook(Instant.ofEpochMilli(Long.parseLong(parts[0])),
                    Boolean.parseBoolean(parts[1]), parts[2]));
        }
    }

    /** Refused webhooks, across instances: how many, the last one and why. */
    public record Rejected(long count, Instant lastAt, String lastReason) {
    }

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final AtomicReference<LastWebhook> last = new AtomicReference<>();
    private final AtomicLong lastWriteMillis = new AtomicLong();
    private final Map<String, Counter> rejectedCounters;

    public WebhookMonitor(ReactiveRedisDataSource reactive, RedisDataSource redis, MeterRegistry registry) {
        this.reactive = reactive;
        this.redis = redis;
        this.rejectedCounters = Map.of(
                SIGNATURE, rejectedCounter(registry, SIGNATURE),
                ACCOUNT, rejectedCounter(registry, ACCOUNT));
    }

    private static Counter rejectedCounter(MeterRegistry registry, String reason) {
        return Counter.builder("relais_webhook_rejected_total")
                .description("Webhook requests refused: bad or missing signature, or another Twilio account")
                .tag("reason", reason).register(registry);
    }

    /** An authentic webhook (valid signature, our account, or the signature check turned off). */
    public void record(String kind) {
        LastWebhook now = new LastWebhook(Instant.now(), true, kind);
        last.set(now);
        long nowMillis = now.at().toEpochMilli();
        long previous = lastWriteMillis.get();
        if (nowMillis - previous >= 1000 && lastWriteMillis.compareAndSet(previous, nowMillis)) {
            reactive.value(String.class).set(KEY, now.encode()).subscribe().with(ok -> {
            }, failure -> LOG.debugf("Last webhook not saved in Redis: %s", failure.getMessage()));
        }
    }

    /** A refused webhook: counted apart, never shown as the last webhook. */
    public void reject(String reason) {
        rejectedCounters.get(reason).increment();
        var hash = reactive.hash(String.class);
        hash.hincrby(REJECTED_KEY, "count", 1)
                .chain(() -> hash.hset(REJECTED_KEY, Map.of("lastAt", String.valueOf(System.currentTimeMillis()),
                        "lastReason", reason)))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("Rejected webhook not counted in Redis: %s", failure.getMessage()));
    }

    /** Refused webhooks since Redis was last emptied (every instance's). */
    public Rejected rejected() {
        try {
            Map<String, String> values = redis.hash(String.class).hgetall(REJECTED_KEY);
            long count = values.get("count") == null ? 0 : Long.parseLong(values.get("count"));
            Instant at = values.get("lastAt") == null ? null : Instant.ofEpochMilli(Long.parseLong(values.get("lastAt")));
            return new Rejected(count, at, values.get("lastReason"));
        } catch (RuntimeException e) {
            return new Rejected(0, null, null);
        }
    }

    /** The newest of this instance's memory and Redis (another instance may have seen a later one). */
    public Optional<LastWebhook> last() {
        Optional<LastWebhook> shared;
        try {
            shared = LastWebhook.decode(redis.value(String.class).get(KEY));
        } catch (RuntimeException e) {
            shared = Optional.empty();
        }
        LastWebhook local = last.get();
        if (local == null) {
            return shared;
        }
        if (shared.isEmpty() || local.at().isAfter(shared.get().at())) {
            return Optional.of(local);
        }
        return shared;
    }
}
