package app.relais.templates;

import app.relais.common.error.ApiException;
import app.relais.whatsapp.ConfiguredWhatsAppGateway;
import app.relais.whatsapp.ContentTemplate;
import app.relais.whatsapp.TwilioGateway;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.TwilioException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The account's Content templates, read through the Twilio SDK and kept briefly in this instance's
 * memory. In memory rather than in Redis: the list is small, read-only account data that Twilio owns;
 * each instance asks Twilio at most once per TTL, and a few seconds of difference between instances is
 * harmless (a template's text never changes once created; only its approval moves, and a launch reads it
 * again). A failure is never cached: the next call asks Twilio again.
 */
@ApplicationScoped
public class TemplateService {

    private static final Logger LOG = Logger.getLogger(TemplateService.class);
    /** More templates than any account keeps in use; the listing stops there. */
    static final int MAX_TEMPLATES = 1000;
    static final int RETRY_AFTER_SECONDS = 30;

    private record Listing(List<ContentTemplate> items, Instant fetchedAt) {
    }

    private record Single(Optional<ContentTemplate> template, Instant fetchedAt) {
    }

    /** Most recently updated first, as the console lists them; Twilio's own order is not documented. */
    static final Comparator<ContentTemplate> NEWEST_FIRST = Comparator.comparing(ContentTemplate::dateUpdated,
            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(ContentTemplate::friendlyName);

    private final Supplier<TwilioGateway> gateway;
    private final Duration ttl;
    private final Clock clock;
    private final Object listLock = new Object();
    private volatile Listing listing;
    private final Map<String, Single> bySid = new ConcurrentHashMap<>();

    @Inject
    public TemplateService(ConfiguredWhatsAppGateway gateway,
            @ConfigProperty(name = "relais.templates.cache-ttl", defaultValue = "60S") Duration ttl) {
        this(gateway::delegate, ttl, Clock.systemUTC());
    }

    /** For tests: a gateway at a test server or a dead port, and a clock to move. */
    public TemplateService(Supplier<TwilioGateway> gateway, Duration ttl, Clock clock) {
        this.gateway = gateway;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Every template, from the cache unless {@code refresh} or older than the TTL. */
    public List<ContentTemplate> list(boolean refresh) {
        Listing current = listing;
        if (!refresh && fresh(current == null ? null : current.fetchedAt())) {
            return current.items();
        }
        synchronized (listLock) {
            current = listing;
            if (!refresh && fresh(current == null ? null : current.fetchedAt())) {
                return current.items();
            }
            List<ContentTemplate> items = call(() -> gateway.get().templates(MAX_TEMPLATES)).stream()
                    .sorted(NEWEST_FIRST).toList();
            Instant now = clock.instant();
            listing = new Listing(items, now);
            bySid.clear();
            items.forEach(t -> bySid.put(key(t.sid()), new Single(Optional.of(t), now)));
            return items;
        }
    }

    /** The listing filtered: only approved ones, and/or a name containing {@code q} (case-insensitive). */
    public List<ContentTemplate> list(boolean refresh, boolean approvedOnly, String q) {
        String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        return list(refresh).stream()
                .filter(t -> !approvedOnly || t.approved())
                .filter(t -> needle == null || (t.friendlyName() != null && t.friendlyName().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    /** One template, from the cache unless {@code refresh} or stale; empty when Twilio does not know it. */
    public Optional<ContentTemplate> find(String sid, boolean refresh) {
        Single cached = bySid.get(key(sid));
        if (!refresh && cached != null && fresh(cached.fetchedAt())) {
            return cached.template();
        }
        Optional<ContentTemplate> found = call(() -> gateway.get().template(sid));
        if (bySid.size() >= MAX_TEMPLATES * 2) {
            // Unknown SIDs asked for one by one must not grow the cache without end.
            bySid.clear();
        }
        bySid.put(key(sid), new Single(found, clock.instant()));
        return found;
    }

    private boolean fresh(Instant fetchedAt) {
        return fetchedAt != null && !ttl.isZero() && clock.instant().isBefore(fetchedAt.plus(ttl));
    }

    private static String key(String sid) {
        return sid.toUpperCase(Locale.ROOT);
    }

    /**
     * Runs a Twilio call, turning its failures into Problems: the network or a Twilio outage (5xx, 429)
     * is 503 with Retry-After, refused credentials and any other answer are 502 (Twilio's fault or the
     * configuration's, not the caller's).
     */
    static <T> T call(Supplier<T> twilioCall) {
        try {
            return twilioCall.get();
        } catch (ApiConnectionException e) {
            LOG.warnf("Twilio Content API unreachable: %s", e.getMessage());
            throw new ApiException(503, "templates-unavailable", List.of(), Map.of(), RETRY_AFTER_SECONDS);
        } catch (com.twilio.exception.ApiException e) {
            Integer status = e.getStatusCode();
            Integer code = e.getCode();
            if (status == null) {
                // No answer at all: the SDK's transport wraps a refused or timed-out connection this way.
                LOG.warnf("Twilio Content API unreachable: %s", e.getMessage());
                throw new ApiException(503, "templates-unavailable", List.of(), Map.of(), RETRY_AFTER_SECONDS);
            }
            LOG.warnf("Twilio Content API answered %s (code %s): %s", status, code, e.getMessage());
            if (status == 401 || status == 403 || Integer.valueOf(20003).equals(code)) {
                throw new ApiException(502, "templates-provider-auth");
            }
            if (status >= 500 || status == 429) {
                throw new ApiException(503, "templates-unavailable", List.of(), Map.of(), RETRY_AFTER_SECONDS);
            }
            throw new ApiException(502, "templates-provider-error", String.valueOf(status),
                    String.valueOf(code == null ? "-" : code));
        } catch (TwilioException e) {
            LOG.warnf("Twilio Content API failed: %s", e.getMessage());
            throw new ApiException(503, "templates-unavailable", List.of(), Map.of(), RETRY_AFTER_SECONDS);
        }
    }
}
