package app.relais.events;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** The SSE clients connected to this instance; every event of the bus goes to each of them. */
@ApplicationScoped
public class SseClients {

    private static final Logger LOG = Logger.getLogger(SseClients.class);
    private static final long MAX_PENDING = 5_000;

    @Inject
    LiveEventBus bus;

    private final Map<Long, Client> clients = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean listening;

    /** One connection: events are written in id order, and live events wait while the backlog replays. */
    final class Client {
        final long key;
        final SseEventSink sink;
        final Sse sse;
        private String lastSent;
        private final AtomicLong pending = new AtomicLong();
        private List<LiveEvent> buffered = new ArrayList<>();

        Client(long key, SseEventSink sink, Sse sse) {
            this.key = key;
            this.sink = sink;
            this.sse = sse;
        }

        synchronized void live(LiveEvent e) {
            if (buffered != null) {
                buffered.add(e);
            } else {
                write(e);
            }
        }

        synchronized void replayed(List<LiveEvent> backlog) {
            backlog.forEach(this::write);
            List<LiveEvent> waiting = buffered;
            buffered = null;
            waiting.forEach(this::write);
        }

        private void write(LiveEvent e) {
            if (lastSent != null && LiveEvent.isValidId(e.id()) && LiveEvent.compareIds(e.id(), lastSent) <= 0) {
                return;
            }
            if (LiveEvent.isValidId(e.id())) {
                lastSent = e.id();
            }
            OutboundSseEvent.Builder b = sse.newEventBuilder().name(e.type()).data(e.json());
            if (LiveEvent.isValidId(e.id())) {
                b.id(e.id());
            }
            send(b.build());
        }

        synchronized void comment(String text) {
            send(sse.newEventBuilder().comment(text).build());
        }

        private void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                remove(key);
                return;
            }
            // A client that cannot keep up is cut off rather than buffered without bound: it
            // reconnects with Last-Event-ID and gets the backlog or a resync, so it loses nothing.
            if (pending.incrementAndGet() > MAX_PENDING) {
                LOG.infof("Closing a live-event client that fell %d events behind", MAX_PENDING);
                remove(key);
                return;
            }
            sink.send(event).whenComplete((ok, err) -> {
                pending.decrementAndGet();
                if (err != null) {
                    remove(key);
                }
            });
        }
    }

    private void ensureListening() {
        if (!listening) {
            synchronized (this) {
                if (!listening) {
                    bus.addListener(e -> clients.values().forEach(c -> c.live(e)));
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

    /** Keeps proxies from closing idle connections and finds the clients that went away. */
    @Scheduled(every = "${relais.events.heartbeat-every:15s}")
    void heartbeat() {
        bus.subscribe();
        clients.values().forEach(c -> c.comment("heartbeat"));
    }
}
