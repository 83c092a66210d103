package app.relais.auth;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Fixed one-minute windows counted in Redis, so the limit holds across every instance. When Redis
 * cannot answer, requests are allowed (and a warning is logged at most once a minute): the API stays
 * usable, only the limit is suspended.
 */
@ApplicationScoped
public class ApiRateLimiter {

    private static final Logger LOG = Logger.getLogger(ApiRateLimiter.class);

    /** The outcome of one hit: allowed, or refused with the seconds until the window turns. */
    public record Decision(boolean allowed, long count, int retryAfterSeconds) {
    }

    @Inject
    ReactiveRedisDataSource redis;

    Clock clock = Clock.systemUTC();

    private volatile long lastWarning;

    public static String userKey(String subject, long window) {
        return "relais:rl:u:" + subject + ":" + window;
    }

    public static String ipKey(String ip, long window) {
        return "relais:rl:ip:" + ip + ":" + window;
    }

    public Uni<Decision> hitUser(String subject, int limit) {
        long now = clock.millis();
        return hit(userKey(subject, now / 60_000), limit, now);
    }

    public Uni<Decision> hitAddress(String ip, int limit) {
        long now = clock.millis();
        return hit(ipKey(ip, now / 60_000), limit, now);
    }

    private Uni<Decision> hit(String key, int limit, long now) {
        int retryAfter = (int) Math.max(1, 60 - (now / 1000) % 60);
        return redis.execute("EVAL", LoginThrottle.WINDOW_SCRIPT, "1", key, "61")
                .map(response -> {
                    long count = response.get(0).toLong();
                    return new Decision(count <= limit, count, retryAfter);
                })
                .onFailure().recoverWithItem(e -> {
                    if (now - lastWarning > 60_000) {
                        lastWarning = now;
                        LOG.warnf("API rate limit suspended, Redis did not answer: %s", e.toString());
                    }
                    return new Decision(true, 0, retryAfter);
                });
    }
}
