package app.relais.events;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
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

    /** One event (or comment) to write. */
    public record Item(String id, String name, String data, String comment, long retryMs) {

        /** The text/event-stream form of this item. */
        void appendTo(StringBuilder sb) {
            if (comment != null) {
                sb.append(": ").append(comment).append("\n\n");
                return;
            }
            if (retryMs > 0) {
                sb.append("retry: ").append(retryMs).append('\n');
            }
            if (id != null) {
                sb.append("id: ").append(id).append('\n');
            }
            if (name != null) {
                sb.append("event: ").append(name).append('\n');
            }
            for (String line : data.split("\n", -1)) {
                sb.append("data: ").append(line).append('\n');
            }
            sb.append('\n');
        }
    }

    /** Where a client's batches go: a raw HTTP response (one write per batch) or a JAX-RS sink. */
    public interface Out {
        /** Writes the batch; completes when it is written (or fails when the client went away). */
        CompletionStage<?> send(List<Item> batch);

        boolean isClosed();

        void close();
    }

    /** Whether a connection's listener may still listen (their session has not ended); asked every second. */
    public interface Admission {
        Uni<Boolean> stillAllowed();
    }

    /** One connection: events are written in id order, and live events wait while the backlog replays. */
    final class Client {
        final long key;
        final Out sink;
        Admission admission;
        private String lastSent;
        private final ArrayDeque<Item> queue = new ArrayDeque<>();
        private List<LiveEvent> buffered = new ArrayList<>();
        private boolean writing;
        private boolean closing;

        Client(long key, Out sink) {
            this.key = key;
            this.sink = sink;
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

        /** A client told to reconnect whose last write never finished (dead peer): closed by the heartbeat. */
        synchronized boolean stuckClosing() {
            return closing && writing;
        }

        void comment(String text) {
            synchronized (this) {
                if (closing) {
                    return;
                }
                queue.add(new Item(null, null, null, text, 0));
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
            queue.add(new Item(hasId ? e.id() : null, e.type(), e.json(), null, 0));
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
            queue.add(new Item(null, "reconnect", json, null, 1000));
        }

        /** Sends everything queued as one batch, unless a batch is still being written. */
        void pump() {
            List<Item> batch;
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
            CompletionStage<?> last;
            try {
                last = sink.send(batch);
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
    public void open(SseEventSink sink, Sse sse, String lastEventId, Admission admission) {
        open(new SinkOut(sink, sse), lastEventId, admission);
    }

    /**
     * Same, for any output (the Vert.x route writes batches straight to the HTTP response). With an
     * admission, the connection is closed within a second of its session ending.
     */
    public void open(Out out, String lastEventId, Admission admission) {
        ensureListening();
        Client client = new Client(ids.incrementAndGet(), out);
        client.admission = admission;
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

    /** A JAX-RS sink: one send per event (no batching); used when the Vert.x route is bypassed. */
    static final class SinkOut implements Out {
        private final SseEventSink sink;
        private final Sse sse;

        SinkOut(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public CompletionStage<?> send(List<Item> batch) {
            CompletionStage<?> last = null;
            for (Item i : batch) {
                OutboundSseEvent.Builder b = sse.newEventBuilder();
                if (i.comment() != null) {
                    b.comment(i.comment());
                } else {
                    b.name(i.name()).data(i.data());
                    if (i.id() != null) {
                        b.id(i.id());
                    }
                    if (i.retryMs() > 0) {
                        b.reconnectDelay(i.retryMs());
                    }
                }
                last = sink.send(b.build());
            }
            return last;
        }

        @Override
        public boolean isClosed() {
            return sink.isClosed();
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    /** Closes the connections whose session ended (deactivation, logout, password change…). */
    @Scheduled(every = "${relais.events.session-check-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeEndedSessions() {
        clients.values().forEach(c -> {
            if (c.admission != null) {
                c.admission.stillAllowed().subscribe().with(allowed -> {
                    if (!allowed) {
                        remove(c.key);
                    }
                }, e -> LOG.debugf("session check of an SSE client failed: %s", e.getMessage()));
            }
        });
    }

    /** Keeps proxies from closing idle connections and finds the clients that went away. */
    @Scheduled(every = "${relais.events.heartbeat-every:15s}")
    void heartbeat() {
        bus.subscribe();
        clients.values().forEach(c -> {
            if (c.stuckClosing()) {
                remove(c.key);
            } else {
                c.comment("heartbeat");
            }
        });
    }
}
