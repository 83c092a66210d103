package app.relais.auth;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Counters in Redis shared by every instance: login attempts per IP, and failures for emails that
 * match no account (so that unknown and known emails lock alike and nothing tells them apart).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    static final String WINDOW_SCRIPT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return {n, redis.call('TTL', KEYS[1])}""";

    @Inject
    RedisDataSource redis;

    /** Counts one hit on {@code key} in a window; returns [count, seconds left], or null if Redis is down. */
    public long[] hit(String key, Duration window) {
        try {
            var response = redis.execute("EVAL", WINDOW_SCRIPT, "1", key, String.valueOf(window.toSeconds()));
            return new long[] { response.get(0).toLong(), Math.max(1, response.get(1).toLong()) };
        } catch (RuntimeException e) {
            LOG.debugf("Login throttle unavailable (%s): allowing", e.getMessage());
            return null;
        }
    }

    public long count(String key) {
        try {
            var response = redis.execute("GET", key);
            return response == null ? 0 : response.toLong();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    public long ttl(String key) {
        try {
            return Math.max(1, redis.execute("TTL", key).toLong());
        } catch (RuntimeException e) {
            return 1;
        }
    }

    public void clear(String key) {
        try {
            redis.execute("DEL", key);
        } catch (RuntimeException e) {
            LOG.debugf("Login throttle clear failed: %s", e.getMessage());
        }
    }

}
