package app.relais.delivery;

import app.relais.messages.MessageStatus;
import app.relais.messages.MessageStatusChanged;
import app.relais.whatsapp.OutboundMessage;
import app.relais.whatsapp.ProviderMode;
import app.relais.whatsapp.SendOutcome;
import app.relais.whatsapp.WhatsAppGateway;
import app.relais.whatsapp.WhatsAppSetup;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The sends of one instance. Two readers (Message 2 first, with its own threads, so a reply never
 * waits behind a campaign) take entries from the consumer group as the in-flight window frees up; each
 * entry is paced (the campaign's spacing, then the global rate shared through Redis), claimed in
 * PostgreSQL (only a queued row can be claimed), counted against the daily quota, sent once through the
 * gateway, recorded, and only then acknowledged. A create holds no thread while the provider answers
 * ({@link WhatsAppGateway#sendAsync}): the number of creates in flight is the lane's window (permits),
 * not its threads, which only do the database and Redis work and the pacing waits. An instance that
 * dies leaves its entries pending: another claims them after {@link DeliveryConfig#pendingTimeout()};
 * a row left `sending` without a SID is reconciled against the provider before any resend.
 */
@ApplicationScoped
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);
    /** Entries read (and, unpaced, claimed in one statement) at once. */
    static final int READ_BATCH = 100;

    private final DeliveryConfig config;
    private final RedisEngine redis;
    private final DeliveryStore store;
    private final DailyQuota quota;
    private final WhatsAppGateway gateway;
    private final WhatsAppSetup setup;
    private final Event<MessageStatusChanged> statusChanged;
    private final SidWriter sidWriter;
    private final String consumer = "c-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    private volatile boolean running;
    private volatile java.util.concurrent.ScheduledExecutorService pacer;
    private Lane message1;
    private Lane message2;
    /** Records outcomes other than an accepted create with an entry (the SidWriter does those): database work off the HTTP threads. */
    private final java.util.concurrent.ExecutorService outcomes = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "relais-outcomes");
        t.setDaemon(true);
        return t;
    });

    /** Back-pressure from the webhook (null when the engine is built by hand in tests: no limit). */
    @jakarta.inject.Inject
    CallbackPressure pressure;

    /** Without group commit: every message takes the one-by-one path (tests drive {@link #handle} directly). */
    public DeliveryEngine(DeliveryConfig config, RedisEngine redis, DeliveryStore store, DailyQuota quota,
            WhatsAppGateway gateway, WhatsAppSetup setup, Event<MessageStatusChanged> statusChanged) {
        this(config, redis, store, quota, gateway, setup, statusChanged, null);
    }

    @jakarta.inject.Inject
    public DeliveryEngine(DeliveryConfig config, RedisEngine redis, DeliveryStore store, DailyQuota quota,
            WhatsAppGateway gateway, WhatsAppSetup setup, Event<MessageStatusChanged> statusChanged, SidWriter sidWriter) {
        this.sidWriter = sidWriter;
        this.config = config;
        this.redis = redis;
        this.store = store;
        this.quota = quota;
        this.gateway = gateway;
        this.setup = setup;
        this.statusChanged = statusChanged;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        double mps = messagesPerSecond();
        int workers = workers(config.workers(), mps);
        int window = window(config.maxInFlight(), mps);
        message1 = new Lane(false, workers, window, minBatch(window, mps), mps <= 0);
        message2 = new Lane(true, Math.max(2, workers / 4), Math.max(2, window / 8), 1, false);
        message2.start();
        message1.start();
        LOG.infof("Delivery engine %s: %d threads, up to %d creates in flight, %s msg/s", consumer, workers, window,
                mps > 0 ? mps : "unpaced");
    }

    /**
     * Threads of a lane: they claim, take the quota, wait for a paced slot and record outcomes, but never
     * wait for the provider. Paced, more threads than the rate can use would only reserve slots ahead of
     * Message 2: at most 2 per message per second, plus one.
     */
    static int workers(int configured, double mps) {
        int workers = Math.max(1, configured);
        return mps > 0 ? (int) Math.min(workers, Math.max(1, Math.ceil(mps * 2) + 1)) : workers;
    }

    /**
     * Creates in flight (read, claimed or sent, not yet recorded): what the rate needs for 2 s of provider
     * latency and commit (rate × 2 s), at least 2, at most {@code max}; unpaced, {@code max}. A paced
     * entry waits its slot holding a permit, so the window also bounds how far ahead slots are reserved.
     */
    static int window(int max, double mps) {
        int bound = Math.max(2, max);
        return mps > 0 ? (int) Math.min(bound, Math.max(2, Math.ceil(mps * 2))) : bound;
    }

    /**
     * Paced, the reader waits (at most {@link #LINGER_MS}) until an eighth of the window is free before it
     * reads: slots are reserved up to 2 s ahead, so the creates still go out at their slots, and each
     * read, claim, quota and slot reservation serves a batch instead of the one message whose permit just
     * came back (at 80 msg/s, batches of 20 instead of 1). Unpaced, whatever is free is read at once.
     */
    static int minBatch(int window, double mps) {
        return mps > 0 ? Math.max(1, Math.min(READ_BATCH, window / 8)) : 1;
    }

    static final long LINGER_MS = 250;

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (message1 != null) {
            message1.stop();
            message2.stop();
        }
        outcomes.shutdownNow();
        if (pacer != null) {
            pacer.shutdownNow();
        }
    }

    public String consumer() {
        return consumer;
    }

    /** Sends made by this instance since start (monitoring, benchmarks). */
    public long sends() {
        return sends.get();
    }

    /** Starts the creates of reserved slots when their time comes (one thread, it only hands them over). */
    private java.util.concurrent.ScheduledExecutorService pacer() {
        java.util.concurrent.ScheduledExecutorService p = pacer;
        if (p == null) {
            synchronized (this) {
                if (pacer == null) {
                    java.util.concurrent.ScheduledThreadPoolExecutor created = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "relais-pacer");
                        t.setDaemon(true);
                        return t;
                    });
                    created.setRemoveOnCancelPolicy(true);
                    pacer = created;
                }
                p = pacer;
            }
        }
        return p;
    }

    /** The global rate: configured, else 1 message / 3 s on the Twilio sandbox, 80/s otherwise; 0 = unpaced. */
    public double messagesPerSecond() {
        return config.messagesPerSecond()
                .orElse(setup.mode() == ProviderMode.TWILIO_SANDBOX ? 1.0 / 3.0 : 80.0);
    }

    /** The global spacing in microseconds, 0 when unpaced. */
    private long globalIntervalUs() {
        return intervalUs(messagesPerSecond());
    }

    /** The per-sender spacing in microseconds, 0 when none. */
    private long senderIntervalUs() {
        return intervalUs(config.senderMessagesPerSecond().orElse(0.0));
    }

    static long intervalUs(double mps) {
        return mps <= 0 ? 0 : Math.max(1, Math.round(1_000_000.0 / mps));
    }

    /** One stream, its reader thread, its window of entries in flight and its threads. */
    private final class Lane {
        final boolean priority;
        final int size;
        final int minBatch;
        /** Unpaced Message 1: slowed down while the webhook is behind (a paced lane keeps the rate chosen). */
        final boolean yields;
        final Semaphore permits;
        final ExecutorService pool;
        Thread reader;

        Lane(boolean priority, int threads, int window, int minBatch, boolean yields) {
            this.priority = priority;
            this.yields = yields;
            this.size = window;
            this.minBatch = minBatch;
            this.permits = new Semaphore(window);
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "relais-" + (priority ? "m2" : "m1") + "-worker");
                t.setDaemon(true);
                return t;
            });
        }

        void start() {
            reader = new Thread(this::loop, "relais-" + (priority ? "m2" : "m1") + "-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void stop() {
            reader.interrupt();
            pool.shutdownNow();
        }

        void loop() {
            long lastAutoclaim = 0;
            boolean groupsReady = false;
            while (running) {
                int n = 0;
                try {
                    if (!groupsReady) {
                        redis.ensureGroups();
                        groupsReady = true;
                    }
                    int allowed = !yields || pressure == null ? size : pressure.limit(size);
                    int inFlight = size - permits.availablePermits();
                    if (allowed < size && inFlight >= allowed) {
                        // The webhook is behind: let creates in flight come back before reading more.
                        pause(20);
                        continue;
                    }
                    permits.acquire();
                    int max = Math.min(Math.min(READ_BATCH, size), allowed < size ? Math.max(1, allowed - inFlight) : size);
                    n = 1 + drain(max - 1);
                    if (n < Math.min(minBatch, max)) {
                        n += gather(max - n, Math.min(minBatch, max) - n);
                    }
                    List<RedisEngine.Entry> entries;
                    long now = System.currentTimeMillis();
                    if (now - lastAutoclaim > Math.min(10_000, config.pendingTimeout().toMillis())) {
                        lastAutoclaim = now;
                        entries = redis.autoclaim(consumer, priority, config.pendingTimeout(), n);
                        if (entries.isEmpty()) {
                            entries = redis.read(consumer, priority, n, 1000);
                        }
                    } else {
                        entries = redis.read(consumer, priority, n, 1000);
                    }
                    permits.release(n - entries.size());
                    n = 0;
                    if (!priority && batchPath()) {
                        dispatchBatch(entries);
                    } else {
                        for (RedisEngine.Entry e : entries) {
                            run(() -> processAsync(e));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    permits.release(n);
                    if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                        groupsReady = false;
                    }
                    if (running) {
                        LOG.debugf("Delivery reader: %s", e.getMessage());
                        pause(1000);
                    }
                }
            }
        }

        /** Starts one entry's task on a thread; the entry's permit comes back when the task's future completes. */
        void run(java.util.function.Supplier<CompletableFuture<?>> task) {
            pool.execute(() -> {
                CompletableFuture<?> done;
                try {
                    done = task.get();
                } catch (RuntimeException | Error e) {
                    permits.release();
                    throw e;
                }
                done.whenComplete((r, e) -> permits.release());
            });
        }

        /**
         * The unpaced path: claims the entries' rows in one statement and takes their quota in one Redis
         * call, then each claimed row is sent (one permit each, held until its outcome is recorded) and its
         * SID group-committed by the {@link SidWriter}, which acknowledges the entry after the commit. Rows
         * it could not claim (paced campaign, nothing to do, not due) take the one-by-one path.
         */
        void dispatchBatch(List<RedisEngine.Entry> entries) {
            List<UUID> ids = new java.util.ArrayList<>(entries.size());
            for (RedisEngine.Entry e : entries) {
                if (e.messageId() != null) {
                    ids.add(e.messageId());
                }
            }
            Map<UUID, Claim> claims = new java.util.HashMap<>();
            try {
                for (Claim c : store.claimUnpaced(ids, consumer)) {
                    claims.put(c.id(), c);
                }
            } catch (Exception e) {
                LOG.debugf("Batch claim failed, one by one instead: %s", e.toString());
            }
            LocalDate day = quota.today();
            long granted = 0;
            long base = 0;
            int sendable = (int) claims.values().stream().filter(c -> !c.optedOut()).count();
            if (sendable > 0) {
                try {
                    long[] taken = quota.takeMany(day, sendable);
                    granted = taken[0];
                    base = taken[1] - granted;
                } catch (RuntimeException e) {
                    LOG.debugf("Quota unavailable, batch given back: %s", e.toString());
                    for (Claim c : claims.values()) {
                        try {
                            store.unclaim(c.id());
                        } catch (Exception u) {
                            LOG.debugf("Unclaim of %s: %s (reconciled later)", c.id(), u.toString());
                        }
                    }
                    permits.release(entries.size());
                    return;
                }
            }
            int toSend = (int) Math.min(granted, sendable);
            long[] slots;
            try {
                slots = slots(toSend);
            } catch (RuntimeException e) {
                LOG.debugf("Pacing unavailable, batch given back: %s", e.toString());
                for (Claim c : claims.values()) {
                    try {
                        store.unclaim(c.id());
                    } catch (Exception u) {
                        LOG.debugf("Unclaim of %s: %s (reconciled later)", c.id(), u.toString());
                    }
                }
                for (int i = 0; i < granted; i++) {
                    quota.refund(day);
                }
                permits.release(entries.size());
                return;
            }
            int next = 0;
            List<UUID> slotted = new java.util.ArrayList<>();
            List<long[]> slotWaits = new java.util.ArrayList<>();
            List<Runnable> atSlots = new java.util.ArrayList<>();
            for (RedisEngine.Entry e : entries) {
                // remove: a second entry naming the same row (a re-fed duplicate) must not send it again;
                // it takes the one-by-one path, which finds the row no longer queued.
                Claim claim = e.messageId() == null ? null : claims.remove(e.messageId());
                if (claim == null) {
                    run(() -> processAsync(e));
                } else if (claim.optedOut()) {
                    run(() -> complete(e, () -> {
                        failForGood(claim, 21610, "Contact opted out", "permanent");
                        return DONE;
                    }));
                } else if (next < granted) {
                    long wait = slots == null ? 0 : slots[next];
                    long used = base + (++next);
                    if (wait > 0) {
                        // The slot is the create's: the row is claimed now and sent then, no thread waits.
                        slotted.add(claim.id());
                        slotWaits.add(new long[] { wait });
                        atSlots.add(() -> pacer().schedule(() -> run(() -> complete(e, () -> send(claim, day, used, e))),
                                wait, java.util.concurrent.TimeUnit.MICROSECONDS));
                    } else {
                        run(() -> complete(e, () -> send(claim, day, used, e)));
                    }
                } else {
                    run(() -> complete(e, () -> CompletableFuture.completedFuture(quotaUsedUp(claim))));
                }
            }
            if (!slotted.isEmpty()) {
                long[] waits = slotWaits.stream().mapToLong(w -> w[0]).toArray();
                try {
                    store.claimedAtSlots(slotted, waits, consumer);
                } catch (Exception x) {
                    // Not sent, given back: a claim time left before the slot could let the reconciler requeue it.
                    LOG.debugf("Slot claim times not written, %d rows given back: %s", slotted.size(), x.toString());
                    for (UUID id : slotted) {
                        try {
                            store.unclaim(id);
                        } catch (Exception u) {
                            LOG.debugf("Unclaim of %s: %s (reconciled later)", id, u.toString());
                        }
                        quota.refund(day);
                    }
                    permits.release(slotted.size());
                    return;
                }
                atSlots.forEach(Runnable::run);
            }
        }

        /**
         * The waits (µs) of {@code n} consecutive slots of the global rate and of the sender's, reserved
         * in one Redis call each; slot i is the later of the two sequences' i-th. Null when unpaced.
         */
        long[] slots(int n) {
            long global = globalIntervalUs();
            long sender = senderIntervalUs();
            if (n <= 0 || (global <= 0 && sender <= 0)) {
                return null;
            }
            long g = global > 0 ? rateLimited("global", redis.reserveMany("global", global, 0, 0, n)) : 0;
            long s = sender > 0 ? redis.reserveMany("sender:" + quota.sender(), sender, 0, 0, n) : 0;
            long[] waits = new long[n];
            for (int i = 0; i < n; i++) {
                waits[i] = Math.max(global > 0 ? g + i * global : 0, sender > 0 ? s + i * sender : 0);
            }
            return waits;
        }

        /** Waits up to LINGER_MS for {@code want} more permits, then takes what is free (up to {@code max}). */
        int gather(int max, int want) throws InterruptedException {
            int got = 0;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
            while (got < want) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !permits.tryAcquire(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    break;
                }
                got++;
            }
            return got + drain(max - got);
        }

        int drain(int max) {
            int got = 0;
            while (got < max && permits.tryAcquire()) {
                got++;
            }
            return got;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Group commit available: the batch path, for every row whose campaign sets no pacing of its own
     * (the global and per-sender rates are kept by reserving the batch's slots at once, see dispatchBatch).
     */
    private boolean batchPath() {
        return sidWriter != null;
    }

    private static final CompletableFuture<Boolean> DONE = CompletableFuture.completedFuture(true);

    private interface Step {
        /**
         * Starts the entry's work; completes with true when the caller acknowledges the entry (false:
         * already acknowledged, or left pending).
         */
        CompletableFuture<Boolean> run() throws Exception;
    }

    /** One stream entry, start to finish; acknowledged only once the database knows the outcome. */
    CompletableFuture<Void> processAsync(RedisEngine.Entry entry) {
        return complete(entry, () -> entry.messageId() == null ? DONE : handleAsync(entry.messageId(), entry));
    }

    private CompletableFuture<Void> complete(RedisEngine.Entry entry, Step step) {
        CompletableFuture<Boolean> started;
        try {
            started = step.run();
        } catch (Exception e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((ack, failure) -> {
            if (failure == null && Boolean.TRUE.equals(ack)) {
                try {
                    redis.ack(entry);
                } catch (RuntimeException e) {
                    failure = e; // the entry is claimed again after the pending timeout and finds nothing to do
                }
            }
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                } else {
                    // Left pending: claimed again after the pending timeout; a row left `sending` is reconciled.
                    LOG.warnf("Delivery of %s interrupted: %s", entry.messageId(), cause.toString());
                }
            }
            return null;
        });
    }

    /** True when the entry is done with (sent, failed, retried later, or nothing to do); waits for the outcome. */
    boolean handle(UUID messageId) throws Exception {
        try {
            return handleAsync(messageId, null).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /**
     * Paces (waiting on the calling thread for the row's slot), claims, takes the quota and starts the
     * create; the future completes once the outcome is recorded. With {@code entry} an accepted create is
     * group-committed by the {@link SidWriter}, which acknowledges the entry: the future then says false.
     */
    CompletableFuture<Boolean> handleAsync(UUID messageId, RedisEngine.Entry entry) throws Exception {
        Pacing pacing = store.pacing(messageId).orElse(null);
        if (pacing == null || !"queued".equals(pacing.messageStatus())) {
            return DONE;
        }
        boolean message2 = "message_2".equals(pacing.kind());
        boolean allowed = "sending".equals(pacing.campaignStatus())
                || (message2 && "completed".equals(pacing.campaignStatus()));
        if (!allowed) {
            return DONE; // paused or stopped: the row stays queued; resume puts it back on the stream
        }
        if (!message2 && pacing.paced()) {
            long batchPause = pacing.batchPauseSeconds() == null ? 0 : pacing.batchPauseSeconds() * 1_000_000L;
            int batch = pacing.batchSize() == null || batchPause == 0 ? 0 : pacing.batchSize();
            sleep(rateLimited("campaign", redis.reserve("c:" + pacing.campaignId(), pacing.intervalMs() * 1000, batch, batchPause)));
        }
        long global = globalIntervalUs();
        if (global > 0) {
            sleep(rateLimited("global", redis.reserve("global", global, 0, 0)));
        }
        long sender = senderIntervalUs();
        if (sender > 0) {
            sleep(redis.reserve("sender:" + quota.sender(), sender, 0, 0));
        }
        Claim claim = store.claim(messageId, consumer).orElse(null);
        if (claim == null) {
            return DONE;
        }
        if (claim.optedOut()) {
            failForGood(claim, 21610, "Contact opted out", "permanent");
            return DONE;
        }
        LocalDate day = quota.today();
        long used = quota.take(day);
        if (used < 0) {
            return CompletableFuture.completedFuture(quotaUsedUp(claim));
        }
        return send(claim, day, used, entry);
    }

    private boolean quotaUsedUp(Claim claim) throws Exception {
        store.unclaim(claim.id());
        int paused = store.pauseAllForQuota();
        if (paused > 0) {
            LOG.infof("Daily quota of %d reached: %d campaign(s) paused until the day turns", quota.limit(), paused);
        }
        return true;
    }

    /**
     * Sends a claimed row once and records the outcome; the create holds no thread while the provider
     * answers. With {@code entry} an accepted create goes to the {@link SidWriter}, which acknowledges the
     * entry after the commit: the future says false. Other outcomes are recorded on the outcome threads.
     */
    private CompletableFuture<Boolean> send(Claim claim, LocalDate day, long used, RedisEngine.Entry entry) {
        Rendered rendered = Rendered.of(claim);
        String body = rendered.body();
        String contentSid = rendered.contentSid();
        Map<String, String> variables = rendered.variables();
        return gateway.sendAsync(new OutboundMessage(claim.id(), claim.phone(), body, contentSid, variables))
                .thenCompose(outcome -> {
                    sends.incrementAndGet();
                    if (outcome instanceof SendOutcome.Accepted a) {
                        long accepted = this.accepted.incrementAndGet();
                        double crash = config.fault().crashAfterSendProbability();
                        int crashAt = config.fault().crashAfterSends();
                        if ((crash > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < crash)
                                || (crashAt > 0 && accepted >= crashAt)) {
                            LOG.errorf("Fault injection: halting after the provider accepted %s as %s, before the SID commit",
                                    claim.id(), a.sid());
                            Runtime.getRuntime().halt(137);
                        }
                        String from = fromAddress();
                        if (entry != null && sidWriter != null) {
                            return sidWriter.submit(new DeliveryStore.Accepted(claim, a.sid(), body, contentSid, variables,
                                    from, day, quota.sender(), used, quota.limit()), entry)
                                    .orTimeout(2, java.util.concurrent.TimeUnit.MINUTES)
                                    .thenApply(v -> false);
                        }
                        return record(() -> {
                            store.recordAccepted(claim, a.sid(), body, contentSid, variables, from, day, quota.sender(),
                                    used, quota.limit());
                            return true;
                        });
                    }
                    return record(() -> recordFailure(claim, rendered, day, outcome));
                });
    }

    private interface Recording {
        boolean run() throws Exception;
    }

    /** Database work of an outcome, off the thread that completed the create. */
    private CompletableFuture<Boolean> record(Recording work) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            outcomes.execute(() -> {
                try {
                    done.complete(work.run());
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(e); // shutting down: left pending, reconciled
        }
        return done;
    }

    private boolean recordFailure(Claim claim, Rendered rendered, LocalDate day, SendOutcome outcome) throws Exception {
        if (outcome instanceof SendOutcome.Transient t) {
            quota.refund(day);
            List<Duration> backoff = config.retryBackoff();
            if (claim.attempts() <= backoff.size()) {
                store.retryLater(claim.id(), t.twilioCode(), t.message(), backoff.get(claim.attempts() - 1));
            } else {
                failForGood(claim, rendered, t.twilioCode(), t.message(), "transient");
            }
        } else if (outcome instanceof SendOutcome.Permanent p) {
            quota.refund(day);
            failForGood(claim, rendered, p.twilioCode(), p.message(), "permanent");
        } else if (outcome instanceof SendOutcome.Unknown u) {
            // The provider may have it: what was sent is recorded now, the SID by reconciliation (never a resend first).
            store.recordAttempted(claim.id(), rendered, fromAddress(), "whatsapp:" + claim.phone());
            LOG.warnf("Send of %s has an unknown outcome (%s): reconciled before any resend", claim.id(), u.message());
        }
        return true;
    }

    /** The From address recorded on outbound rows. */
    String fromAddress() {
        return "whatsapp:" + setup.config().sandboxNumber();
    }

    private void failForGood(Claim claim, Integer code, String message, String kind) throws Exception {
        failForGood(claim, null, code, message, kind);
    }

    private void failForGood(Claim claim, Rendered rendered, Integer code, String message, String kind) throws Exception {
        if (store.fail(claim.id(), claim.campaignId(), claim.contactId(), rendered, code, message, kind)) {
            statusChanged.fire(new MessageStatusChanged(claim.id(), claim.campaignId(), claim.contactId(), claim.kind(),
                    MessageStatus.SENDING, MessageStatus.FAILED, code));
        }
    }

    /** Counts a pacing wait (Prometheus relais_rate_limit_waits_total / relais_rate_limit_wait_seconds_total). */
    private static long rateLimited(String scope, long waitUs) {
        if (waitUs > 0) {
            io.micrometer.core.instrument.Metrics.counter("relais_rate_limit_waits_total", "scope", scope).increment();
            io.micrometer.core.instrument.Metrics.counter("relais_rate_limit_wait_seconds_total", "scope", scope)
                    .increment(waitUs / 1_000_000.0);
        }
        return waitUs;
    }

    private static void sleep(long us) throws InterruptedException {
        if (us > 0) {
            java.util.concurrent.TimeUnit.MICROSECONDS.sleep(us);
        }
    }
}
