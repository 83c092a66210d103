package app.relais.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fan-out of live events across instances. Publishing appends the event to a capped Redis Stream
 * (the backlog) and publishes "id|type|json" on a pub/sub channel (for outside consumers),
 * atomically in one script. Each instance runs ONE reader thread that follows the stream with a
 * blocking XREAD from the last id it saw and hands every batch it reads to its local listeners (the
 * SSE clients). Reading the stream rather than the pub/sub channel is what makes delivery survive a
 * Redis restart or a network cut: the reader reconnects and continues from its last id, and when the
 * stream lost events meanwhile (Redis restarted empty) it tells the clients to resync. A pub/sub
 * subscription, by contrast, silently stopped delivering after Redis came back (the bug that
 * disabled two LiveEventsTest tests: HealthTest restarts Redis earlier in the suite).
 */
@ApplicationScoped
public class LiveEventBus {

    private static final Logger LOG = Logger.getLogger(LiveEventBus.class);
    private static final int PUBLISH_BATCH = 500;

    static final String PUBLISH_SCRIPT = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 't', ARGV[2], 'd', ARGV[3])
            redis.call('PUBLISH', KEYS[2], id .. '|' .. ARGV[2] .. '|' .. ARGV[3])
            return id
            """;

    /** The same for many events at once: ARGV[1] is the cap, then (type, json) pairs. */
    static final String PUBLISH_MANY_SCRIPT = """
            for i = 2, #ARGV, 2 do
              local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 't', ARGV[i], 'd', ARGV[i + 1])
              redis.call('PUBLISH', KEYS[2], id .. '|' .. ARGV[i] .. '|' .. ARGV[i + 1])
            end
            return (#ARGV - 1) / 2
            """;

    private record Outgoing(String type, Object payload) {
    }

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

    @ConfigProperty(name = "relais.events.read-batch", defaultValue = "500")
    int readBatch;

    @ConfigProperty(name = "relais.events.publish-queue", defaultValue = "50000")
    int publishQueueSize;

    /** Events waiting for the publisher thread (see {@link #publishLater}). */
    private volatile BlockingQueue<Outgoing> outgoing;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private Thread publisher;

    private final CopyOnWriteArraySet<Consumer<List<LiveEvent>>> listeners = new CopyOnWriteArraySet<>();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile String lastSeen;
    private Thread reader;

    void onStart(@Observes StartupEvent ev) {
        subscribe();
        startPublisher();
    }

    synchronized void startPublisher() {
        if (publisher != null && publisher.isAlive()) {
            return;
        }
        outgoing = new LinkedBlockingQueue<>(Math.max(1, publishQueueSize));
        running = true;
        publisher = new Thread(this::publishLoop, "live-events-publisher");
        publisher.setDaemon(true);
        publisher.start();
    }

    /** Starts the reader thread once; it keeps itself alive (reconnects) until shutdown. */
    synchronized void subscribe() {
        if (reader != null && reader.isAlive()) {
            return;
        }
        running = true;
        reader = new Thread(this::readLoop, "live-events-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
        Thread p = publisher;
        if (p != null) {
            p.interrupt();
        }
    }

    /** True when this instance's reader is connected to Redis and following the stream. */
    public boolean subscribed() {
        return connected;
    }

    private void readLoop() {
        StreamCommands<String, String, String> stream = redis.stream(String.class, String.class, String.class);
        boolean recovering = false;
        long backoff = 100;
        while (running) {
            try {
                if (lastSeen == null) {
                    Response last = redis.execute("XREVRANGE", backlogKey, "+", "-", "COUNT", "1");
                    lastSeen = last == null || last.size() == 0 ? "0-0" : last.get(0).get(0).toString();
                }
                if (recovering) {
                    recovering = false;
                    List<LiveEvent> first = range("-", 1);
                    if (first.isEmpty() || LiveEvent.compareIds(first.get(0).id(), lastSeen) > 0) {
                        // Redis came back without the events after lastSeen (restarted empty, or trimmed):
                        // what the dashboards show may be stale.
                        dispatch(List.of(new LiveEvent(null, "resync", "{\"reason\":\"events-lost\"}")));
                        if (first.isEmpty()) {
                            lastSeen = "0-0";
                        }
                    }
                }
                connected = true;
                backoff = 100;
                List<StreamMessage<String, String, String>> batch = stream.xread(backlogKey, lastSeen,
                        new XReadArgs().count(readBatch).block(Duration.ofSeconds(2)));
                if (batch == null || batch.isEmpty()) {
                    continue;
                }
                List<LiveEvent> events = new ArrayList<>(batch.size());
                for (StreamMessage<String, String, String> m : batch) {
                    Map<String, String> f = m.payload();
                    events.add(new LiveEvent(m.id(), f.getOrDefault("t", "unknown"), f.getOrDefault("d", "{}")));
                }
                lastSeen = events.get(events.size() - 1).id();
                dispatch(events);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (connected) {
                    LOG.warnf("Live events: Redis stream unreadable (%s); reconnecting", e.getMessage());
                }
                connected = false;
                recovering = lastSeen != null;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(2_000, backoff * 2);
            }
        }
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

    /**
     * Queues an event for the publisher thread, which sends everything waiting in one script call: a
     * hot path (a webhook, a send) never waits on Redis for a live event. Events are best effort: when
     * the queue is full or Redis refuses a batch they are dropped, counted, and a {@code resync} event
     * tells the dashboards to refetch.
     */
    public void publishLater(String type, Object payload) {
        BlockingQueue<Outgoing> queue = outgoing;
        if (queue == null || !queue.offer(new Outgoing(type, payload))) {
            dropped.incrementAndGet();
        }
    }

    /** Events published through {@link #publishLater} since start, and those dropped. */
    public long publishedCount() {
        return published.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    private void publishLoop() {
        List<Outgoing> batch = new ArrayList<>(PUBLISH_BATCH);
        long lastWarning = 0;
        long droppedReported = 0;
        while (running) {
            try {
                Outgoing first = outgoing.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outgoing.drainTo(batch, PUBLISH_BATCH - 1);
                List<String> args = new ArrayList<>(4 + 2 * batch.size() + 2);
                args.add("EVAL");
                args.add(PUBLISH_MANY_SCRIPT);
                args.add("2");
                args.add(backlogKey);
                args.add(channel);
                args.add(Integer.toString(backlogSize));
                long droppedNow = dropped.get();
                if (droppedNow > droppedReported) {
                    args.add("resync");
                    args.add("{\"reason\":\"events-dropped\"}");
                }
                for (Outgoing o : batch) {
                    try {
                        args.add(o.type());
                        args.add(mapper.writeValueAsString(o.payload()));
                    } catch (JsonProcessingException e) {
                        args.remove(args.size() - 1);
                        LOG.warnf("Live event %s not serialisable: %s", o.type(), e.getMessage());
                    }
                }
                try {
                    redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new));
                    published.addAndGet(batch.size());
                    droppedReported = droppedNow;
                } catch (RuntimeException e) {
                    dropped.addAndGet(batch.size());
                    long now = System.currentTimeMillis();
                    if (now - lastWarning > 60_000) {
                        lastWarning = now;
                        LOG.warnf("Live events: %d event(s) not published (%s); dashboards will be told to resync",
                                batch.size(), e.getMessage());
                    }
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Live events publisher: %s", e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    void dispatch(List<LiveEvent> events) {
        for (Consumer<List<LiveEvent>> l : listeners) {
            try {
                l.accept(events);
            } catch (RuntimeException e) {
                LOG.debugf("A live-event listener failed: %s", e.getMessage());
            }
        }
    }

    /** Receives every batch of events read from the stream, in id order, on the reader thread. */
    public void addListener(Consumer<List<LiveEvent>> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<List<LiveEvent>> listener) {
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
