package app.relais.delivery;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Group commit of the SIDs of accepted creates: workers hand over what the provider accepted, one
 * thread writes everything waiting in one transaction ({@link DeliveryStore#recordAcceptedBatch}),
 * then acknowledges the stream entries of the rows it committed (XACK + XDEL in one round trip), then
 * answers each worker. So a SID is always committed before its entry is acknowledged: a crash before
 * the commit leaves the rows `sending` without SID and their entries pending, and the reconciler asks
 * the provider before any resend. If the batch fails, each row is tried alone so one bad row does not
 * hold back the others.
 */
@ApplicationScoped
public class SidWriter {

    private static final Logger LOG = Logger.getLogger(SidWriter.class);
    static final int MAX_BATCH = 500;

    private record Pending(DeliveryStore.Accepted accepted, RedisEngine.Entry entry, CompletableFuture<Void> done) {
    }

    private final DeliveryStore store;
    private final RedisEngine redis;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread thread;

    public SidWriter(DeliveryStore store, RedisEngine redis) {
        this.store = store;
        this.redis = redis;
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Completes once the SID is committed and the entry acknowledged; exceptionally when the SID could
     * not be committed (the entry then stays pending and the row is reconciled).
     */
    public CompletableFuture<Void> submit(DeliveryStore.Accepted accepted, RedisEngine.Entry entry) {
        ensureStarted();
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(accepted, entry, done));
        return done;
    }

    private synchronized void ensureStarted() {
        if (thread == null && running) {
            thread = new Thread(this::loop, "relais-sid-writer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                LOG.warnf("SID writer: %s", e.toString());
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> committed = new ArrayList<>(batch.size());
        try {
            store.recordAcceptedBatch(batch.stream().map(Pending::accepted).toList());
            committed.addAll(batch);
        } catch (Exception e) {
            LOG.warnf("SID batch of %d failed (%s): writing them one by one", batch.size(), e.toString());
            for (Pending p : batch) {
                DeliveryStore.Accepted a = p.accepted();
                try {
                    store.recordAccepted(a.claim(), a.sid(), a.body(), a.contentSid(), a.variables(), a.from(), a.day(),
                            a.sender(), a.used(), a.limit());
                    committed.add(p);
                } catch (Exception one) {
                    p.done().completeExceptionally(one);
                }
            }
        }
        try {
            redis.ackAll(committed.stream().map(Pending::entry).toList());
        } catch (RuntimeException e) {
            // The SIDs are committed: the entries, claimed again after the pending timeout, find nothing to do.
            LOG.debugf("Acknowledgement of %d entries deferred: %s", committed.size(), e.toString());
        }
        committed.forEach(p -> p.done().complete(null));
    }
}
