package app.relais.whatsapp;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Commits status callbacks in small groups: callbacks that arrive while a commit is in flight are
 * written together in the next transaction, and each is answered only after that commit. A campaign's
 * counters live in one row, so one transaction per callback would serialise every callback on that
 * row's lock for the length of a disk flush; grouping pays that flush once per group instead.
 * Callbacks for one SID always go to the same writer, so writers never wait on each other's messages.
 * A group that fails is retried one callback at a time, so one bad callback fails alone.
 */
@ApplicationScoped
public class StatusCallbackWriter {

    private static final Logger LOG = Logger.getLogger(StatusCallbackWriter.class);
    static final int MAX_GROUP = 256;

    private record Pending(StatusCallback callback, CompletableFuture<WebhookStore.StatusResult> result) {
    }

    private final WebhookStore store;
    private final List<BlockingQueue<Pending>> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public StatusCallbackWriter(WebhookStore store, WhatsAppConfig config) {
        this.store = store;
        int writers = Math.max(1, config.webhookWriters());
        for (int i = 0; i < writers; i++) {
            BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
            lanes.add(queue);
            Thread t = new Thread(() -> drain(queue), "webhook-writer-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    /** Completes once the callback is committed, or exceptionally with the SQLException that prevented it. */
    public CompletionStage<WebhookStore.StatusResult> submit(StatusCallback callback) {
        CompletableFuture<WebhookStore.StatusResult> result = new CompletableFuture<>();
        BlockingQueue<Pending> lane = lanes.get(Math.floorMod(callback.sid().hashCode(), lanes.size()));
        if (!lane.offer(new Pending(callback, result))) {
            result.completeExceptionally(new SQLException("webhook write queue full", "53000"));
        }
        return result;
    }

    private void drain(BlockingQueue<Pending> queue) {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Webhook writer failure", e);
                group.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            List<WebhookStore.StatusResult> results = store.applyStatuses(group.stream().map(Pending::callback).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
            return;
        } catch (SQLException | RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.debugf("Webhook group of %d failed (%s), retrying one by one", group.size(), e.getMessage());
        }
        for (Pending p : group) {
            try {
                p.result().complete(store.applyStatuses(List.of(p.callback())).get(0));
            } catch (SQLException | RuntimeException e) {
                p.result().completeExceptionally(e);
            }
        }
    }
}
