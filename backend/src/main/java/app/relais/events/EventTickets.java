package app.relais.events;

import app.relais.auth.TokenService;
import app.relais.common.error.ApiException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Short-lived, single-use tickets that let an EventSource (which cannot send headers) open the event
 * stream without a long-lived token in its URL. Kept in Redis (shared by every instance) under the
 * ticket's hash, taken out atomically when used; a ticket carries the session it was issued for, which
 * must still be valid when the stream opens.
 */
@ApplicationScoped
public class EventTickets {

    private static final Logger LOG = Logger.getLogger(EventTickets.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = "relais:events:ticket:";
    private static final String TAKE = """
            local v = redis.call('GET', KEYS[1])
            if v then redis.call('DEL', KEYS[1]) end
            return v""";

    /** Who a ticket was issued to: the user, their session generation and session (may be null). */
    public record Holder(UUID userId, int generation, String session) {
    }

    public record Issued(String ticket, Instant expiresAt) {
    }

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "relais.events.ticket-ttl", defaultValue = "PT60S")
    Duration ttl;

    public Issued issue(UUID userId, int generation, String session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = Instant.now().plus(ttl);
        try {
            redis.execute("SET", KEY + TokenService.hash(ticket),
                    userId + "|" + generation + "|" + (session == null ? "" : session), "PX", String.valueOf(ttl.toMillis()));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        return new Issued(ticket, expiresAt);
    }

    /** The ticket's holder, or null when it is unknown, expired or already used (it is used up now). */
    public Holder redeem(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            return null;
        }
        Response value;
        try {
            value = redis.execute("EVAL", TAKE, "1", KEY + TokenService.hash(ticket.strip()));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        if (value == null) {
            return null;
        }
        String[] p = value.toString().split("\\|", -1);
        return new Holder(UUID.fromString(p[0]), Integer.parseInt(p[1]), p[2].isEmpty() ? null : p[2]);
    }

    /** Tickets live in Redis only (they are worth nothing after a minute): without it, come back later. */
    private static ApiException unavailable(RuntimeException e) {
        LOG.warnf("Event tickets unavailable, Redis did not answer: %s", e.toString());
        return new ApiException(503, "service-unavailable", List.of(), Map.of(), 5);
    }
}
