package app.relais.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fan-out of live events across instances. Publishing appends the event to a capped Redis Stream
 * (the backlog that reconnecting clients replay) and publishes "id|type|json" on a pub/sub channel,
 * atomically in one script. Each instance subscribes to the channel once and hands every event to
 * its local listeners (the SSE clients).
 */
@ApplicationScoped
public class LiveEventBus {

    private static final Logger LOG = Logger.getLogger(LiveEventBus.class);

    static final String PUBLISH_SCRIPT = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 't', ARGV[2], 'd', ARGV[3])
            redis.call('PUBLISH', KEYS[2], id .. '|' .. ARGV[2] .. '|' .. ARGV[3])
            return id
            """;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "relais.events.channel", defaultValue = "relais:events")
    String channel;

    @ConfigProperty(name = "relais.events.backlog-key", defaultValue = "relais:events:backlog")
    String backlogKey;

    @ConfigProperty(name = "relais.events.backlog-size", defaultValue = "10000")
    int backlogSize;

    @ConfigProperty(name = "relais.events.replay-max", defaultValue = "1000")
    int replayMax;

    private final CopyOnWriteArraySet<Consumer<LiveEvent>> listeners = new CopyOnWriteArraySet<>();
    private PubSubCommands.RedisSubscriber subscriber;

    void onStart(@Observes StartupEvent ev) {
        subscribe();
    }

    synchronized void subscribe() {
        if (subscriber != null) {
            return;
        }
        try {
            subscriber = redis.pubsub(String.class).subscribe(channel, this::dispatch);
        } catch (RuntimeException e) {
            LOG.warnf("Live events: cannot subscribe to Redis yet (%s); retried by the health loop", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        PubSubCommands.RedisSubscriber s = subscriber;
        if (s != null) {
            try {
                s.unsubscribe();
            } catch (RuntimeException ignored) {
                // Redis is going away with us
            }
        }
    }

    /** True when this instance listens to the channel. */
    public boolean subscribed() {
        return subscriber != null;
    }

    /** Publishes to every instance; returns the event id. Failures are logged, never thrown to the caller. */
    public Optional<String> publish(String type, Object payload) {
        try {
            String json = mapper.writeValueAsString(payload);
            Response id = redis.execute("EVAL", PUBLISH_SCRIPT, "2", backlogKey, channel,
                    Integer.toString(backlogSize), type, json);
            return Optional.of(id.toString());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Live event %s not published: %s", type, e.getMessage());
            return Optional.empty();
        }
    }

    void dispatch(String message) {
        int first = message.indexOf('|');
        int second = first < 0 ? -1 : message.indexOf('|', first + 1);
        if (second < 0) {
            LOG.debugf("Ignoring a malformed live event: %s", message);
            return;
        }
        LiveEvent event = new LiveEvent(message.substring(0, first), message.substring(first + 1, second),
                message.substring(second + 1));
        for (Consumer<LiveEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.debugf("A live-event listener failed: %s", e.getMessage());
            }
        }
    }

    public void addListener(Consumer<LiveEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<LiveEvent> listener) {
        listeners.remove(listener);
    }

    public int listenerCount() {
        return listeners.size();
    }

    /**
     * The events after {@code lastId} from the backlog, or empty when they cannot all be given
     * (the backlog was trimmed past that id, Redis lost it, or too many were missed): the client
     * must then refetch.
     */
    public Optional<List<LiveEvent>> since(String lastId) {
        if (!LiveEvent.isValidId(lastId)) {
            return Optional.empty();
        }
        try {
            List<LiveEvent> first = range("-", 1);
            if (first.isEmpty() || LiveEvent.compareIds(lastId, first.get(0).id()) < 0) {
                // The backlog was flushed, or trimmed past the client's last event: events may be lost.
                return Optional.empty();
            }
            List<LiveEvent> events = range("(" + lastId, replayMax + 1);
            return events.size() > replayMax ? Optional.empty() : Optional.of(events);
        } catch (RuntimeException e) {
            LOG.warnf("Live events: backlog unreadable (%s)", e.getMessage());
            return Optional.empty();
        }
    }

    private List<LiveEvent> range(String start, int count) {
        Response r = redis.execute("XRANGE", backlogKey, start, "+", "COUNT", Integer.toString(count));
        List<LiveEvent> events = new ArrayList<>();
        if (r == null) {
            return events;
        }
        for (Response entry : r) {
            String id = entry.get(0).toString();
            Map<String, String> fields = new LinkedHashMap<>();
            Response kv = entry.get(1);
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                fields.put(kv.get(i).toString(), kv.get(i + 1).toString());
            }
            events.add(new LiveEvent(id, fields.getOrDefault("t", "unknown"), fields.getOrDefault("d", "{}")));
        }
        return events;
    }
}
