package app.relais.whatsapp;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Remembers when the last webhook arrived and whether its signature was valid, for the settings page.
 * Kept in Redis so every instance shows the same answer; written at most once a second per instance
 * (and at once when validity changes) so the webhook's hot path does not wait on Redis.
 */
@ApplicationScoped
public class WebhookMonitor {

    private static final Logger LOG = Logger.getLogger(WebhookMonitor.class);
    static final String KEY = "relais:whatsapp:last-webhook";

    /** The last webhook seen: when, whether its signature was valid, and what it was (status, inbound). */
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

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final AtomicReference<LastWebhook> last = new AtomicReference<>();
    private final AtomicLong lastWriteMillis = new AtomicLong();
    private volatile boolean lastWrittenValid = true;

    public WebhookMonitor(ReactiveRedisDataSource reactive, RedisDataSource redis) {
        this.reactive = reactive;
        this.redis = redis;
    }

    public void record(boolean valid, String kind) {
        LastWebhook now = new LastWebhook(Instant.now(), valid, kind);
        last.set(now);
        long nowMillis = now.at().toEpochMilli();
        long previous = lastWriteMillis.get();
        if ((valid != lastWrittenValid || nowMillis - previous >= 1000) && lastWriteMillis.compareAndSet(previous, nowMillis)) {
            lastWrittenValid = valid;
            reactive.value(String.class).set(KEY, now.encode()).subscribe().with(ok -> {
            }, failure -> LOG.debugf("Last webhook not saved in Redis: %s", failure.getMessage()));
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
