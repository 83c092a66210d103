package app.relais.events;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The SSE clients connected to this instance. The bus hands every batch it reads from Redis to
 * each client's bounded queue; each client has at most one batch of writes in flight and sends the
 * next batch (everything queued meanwhile) when the previous one is written, so a slow client only
 * fills its own queue. A client whose queue overflows is sent a {@code reconnect} event and closed:
 * its EventSource reconnects with Last-Event-ID and gets the backlog (or a {@code resync}), so it
 * loses nothing and never slows the others down.
 */
@ApplicationScoped
public class SseClients {

    private static final Logger LOG = Logger.getLogger(SseClients.class);

    @Inject
    LiveEventBus bus;

    @ConfigProperty(name = "relais.events.client-queue", defaultValue = "5000")
    int maxQueue;

    private final Map<Long, Client> clients = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean listening;

    /** One connection: events are written in id order, and live events wait while the backlog replays. */
    final class Client {
        final long key;
        final SseEventSink sink;
        final Sse sse;
        private String lastSent;
        private final ArrayDeque<OutboundSseEvent> queue = new ArrayDeque<>();
        private List<LiveEvent> buffered = new ArrayList<>();
        private boolean writing;
        private boolean closing;

        Client(long key, SseEventSink sink, Sse sse) {
            this.key = key;
            this.sink = sink;
            this.sse = sse;
        }

        void live(List<LiveEvent> events) {
            synchronized (this) {
                if (closing) {
                    return;
                }
                if (buffered != null) {
                    buffered.addAll(events);
                    if (buffered.size() > maxQueue) {
                        overflow();
                    }
                    return;
                }
                events.forEach(this::enqueue);
            }
            pump();
        }

        void replayed(List<LiveEvent> backlog) {
            synchronized (this) {
                backlog.forEach(this::enqueue);
                List<LiveEvent> waiting = buffered;
                buffered = null;
                if (waiting != null) {
                    waiting.forEach(this::enqueue);
                }
            }
            pump();
        }

        void comment(String text) {
            synchronized (this) {
                if (closing) {
                    return;
                }
                queue.add(sse.newEventBuilder().comment(text).build());
            }
            pump();
        }

        /** Called with the lock held. */
        private void enqueue(LiveEvent e) {
            if (closing) {
                return;
            }
            boolean hasId = LiveEvent.isValidId(e.id());
            if (hasId && lastSent != null && LiveEvent.compareIds(e.id(), lastSent) <= 0) {
                return;
            }
            if (hasId) {
                lastSent = e.id();
            }
            OutboundSseEvent.Builder b = sse.newEventBuilder().name(e.type()).data(e.json());
            if (hasId) {
                b.id(e.id());
            }
            queue.add(b.build());
            if (queue.size() > maxQueue) {
                overflow();
            }
        }

        /** Called with the lock held: drops what is queued, tells the client to come back, then closes. */
        private void overflow() {
            queue.clear();
            buffered = null;
            closing = true;
            dropped.incrementAndGet();
            LOG.infof("Closing a live-event client that fell %d events behind (it reconnects with Last-Event-ID)", maxQueue);
            String json = "{\"reason\":\"slow-client\",\"lastEventId\":" + (lastSent == null ? "null" : "\"" + lastSent + "\"") + "}";
            OutboundSseEvent.Builder b = sse.newEventBuilder().name("reconnect").data(json).reconnectDelay(1000);
            queue.add(b.build());
        }

        /** Sends everything queued as one batch, unless a batch is still being written. */
        void pump() {
            List<OutboundSseEvent> batch;
            boolean close;
            synchronized (this) {
                if (writing || queue.isEmpty()) {
                    return;
                }
                writing = true;
                batch = new ArrayList<>(queue);
                queue.clear();
                close = closing;
            }
            if (sink.isClosed()) {
                remove(key);
                return;
            }
            CompletionStage<?> last = null;
            try {
                for (OutboundSseEvent e : batch) {
                    last = sink.send(e);
                }
            } catch (RuntimeException e) {
                remove(key);
                return;
            }
            last.whenComplete((ok, err) -> {
                synchronized (this) {
                    writing = false;
                }
                if (err != null || close) {
                    remove(key);
                } else {
                    pump();
                }
            });
        }
    }

    private void ensureListening() {
        if (!listening) {
            synchronized (this) {
                if (!listening) {
                    bus.addListener(batch -> clients.values().forEach(c -> c.live(batch)));
                    listening = true;
                }
            }
        }
    }

    /**
     * Registers a connection. With a Last-Event-ID, the missed events are replayed from the backlog
     * first; when they cannot be (trimmed, flushed), a {@code resync} event tells the client to refetch.
     */
    public void open(SseEventSink sink, Sse sse, String lastEventId) {
        ensureListening();
        Client client = new Client(ids.incrementAndGet(), sink, sse);
        clients.put(client.key, client);
        client.comment("connected");
        if (lastEventId == null || lastEventId.isBlank()) {
            client.replayed(List.of());
            return;
        }
        Optional<List<LiveEvent>> missed = bus.since(lastEventId.trim());
        if (missed.isPresent()) {
            client.replayed(missed.get());
        } else {
            client.replayed(List.of(new LiveEvent(null, "resync", "{\"reason\":\"backlog-unavailable\"}")));
        }
    }

    void remove(long key) {
        Client c = clients.remove(key);
        if (c != null && !c.sink.isClosed()) {
            try {
                c.sink.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing an SSE sink: %s", e.getMessage());
            }
        }
    }

    public int count() {
        clients.values().removeIf(c -> c.sink.isClosed());
        return clients.size();
    }

    /** Clients closed because they fell too far behind, since startup. */
    public long droppedSlowClients() {
        return dropped.get();
    }

    /** Keeps proxies from closing idle connections and finds the clients that went away. */
    @Scheduled(every = "${relais.events.heartbeat-every:15s}")
    void heartbeat() {
        bus.subscribe();
        clients.values().forEach(c -> c.comment("heartbeat"));
    }
}
