package app.relais.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Puts message rows on the Redis streams lazily: a launch only writes its rows (enqueued_at NULL) and
 * wakes the feeder, so its time does not depend on Redis nor on the number of recipients beyond one
 * INSERT ... SELECT. The feeder of each instance marks a page of due rows as enqueued (FOR UPDATE SKIP
 * LOCKED: two instances never take the same rows), XADDs them in one pipeline, and stops while the
 * Message 1 stream already holds {@value #HIGH_WATER} entries, so Redis holds a window of the campaign,
 * not all of it. Rows whose XADD failed go back to enqueued_at NULL; rows marked but lost (process
 * killed between the mark and the XADD, Redis flushed) are swept back by the scheduled job.
 */
@ApplicationScoped
public class StreamFeeder {

    private static final Logger LOG = Logger.getLogger(StreamFeeder.class);
    static final int BATCH = 5000;
    static final int HIGH_WATER = 20_000;
    private static final long IDLE_WAIT_MS = 1000;

    private static final String DUE = " FROM messages m JOIN campaigns c ON c.id = m.campaign_id"
            + " WHERE m.status = 'queued' AND c.status IN ('sending', 'completed') AND c.launched_at IS NOT NULL"
            + " AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= now())";

    /** Never enqueued (new rows, Redis flushed, XADD failed): served by the partial index messages_to_feed_idx. */
    private static final String NEW_ROWS = "UPDATE messages SET enqueued_at = now() WHERE id IN (SELECT m.id" + DUE
            + " AND m.enqueued_at IS NULL LIMIT ? FOR UPDATE OF m SKIP LOCKED) RETURNING id, kind";

    /** Retries whose back-off ended since they were last enqueued. */
    private static final String DUE_RETRIES = "UPDATE messages SET enqueued_at = now() WHERE id IN (SELECT m.id" + DUE
            + " AND m.enqueued_at < m.next_attempt_at LIMIT ? FOR UPDATE OF m SKIP LOCKED) RETURNING id, kind";

    private final DeliveryConfig config;
    private final RedisEngine redis;
    private final DataSource dataSource;
    private final Object signal = new Object();
    private volatile boolean running;
    private volatile boolean woken;
    private long lastAnalyze;
    private Thread thread;

    public StreamFeeder(DeliveryConfig config, RedisEngine redis, DataSource dataSource) {
        this.config = config;
        this.redis = redis;
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "relais-feeder");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** New rows were committed (launch, new run): feed them now rather than at the next idle wake-up. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            int fed = 0;
            try {
                fed = feedOnce();
            } catch (Exception e) {
                if (running) {
                    LOG.debugf("Feeder: %s", e.toString());
                }
            }
            if (fed < BATCH) {
                synchronized (signal) {
                    if (!woken) {
                        try {
                            signal.wait(IDLE_WAIT_MS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    woken = false;
                }
            }
        }
    }

    /** One page, if the Message 1 stream has room; returns how many rows went on the streams. */
    public int feedOnce() throws SQLException {
        if (redis.streamLength(false) >= HIGH_WATER) {
            return 0;
        }
        int fed = feed(NEW_ROWS);
        if (fed == BATCH) {
            analyzeAfterLaunch();
        }
        if (fed < BATCH) {
            fed += feed(DUE_RETRIES);
        }
        return fed;
    }

    /**
     * A launch just wrote many rows the planner does not know yet (autovacuum analyzes within a minute
     * or so): meanwhile it believes the campaign has almost no queued row and serves the workers' claims
     * ({@code id = ANY (...) AND status = 'queued'}) by scanning every queued row of the campaign instead
     * of looking the ids up. So, after a full page of new rows, at most once a minute, statistics now.
     */
    private void analyzeAfterLaunch() {
        long now = System.currentTimeMillis();
        if (now - lastAnalyze < 60_000) {
            return;
        }
        lastAnalyze = now;
        // Never queue behind a running (auto)vacuum of the table, nor hold the feeder long: bounded waits.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '500ms'");
                st.execute("SET LOCAL statement_timeout = '20s'");
                st.execute("ANALYZE messages");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                LOG.debugf("ANALYZE messages skipped: %s", e.toString());
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.debugf("ANALYZE messages: %s", e.toString());
        }
    }

    private int feed(String sql) throws SQLException {
        List<UUID> m1 = new ArrayList<>();
        List<UUID> m2 = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ("message_2".equals(rs.getString(2)) ? m2 : m1).add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (m1.isEmpty() && m2.isEmpty()) {
            return 0;
        }
        try {
            redis.ensureGroups();
            redis.enqueue(m2, true);
            redis.enqueue(m1, false);
        } catch (RuntimeException e) {
            List<UUID> all = new ArrayList<>(m2);
            all.addAll(m1);
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("UPDATE messages SET enqueued_at = NULL WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("uuid", all.toArray()));
                ps.executeUpdate();
            }
            throw e;
        }
        return m1.size() + m2.size();
    }

    /**
     * Rows marked enqueued that no stream holds any more (a process killed between the mark and the
     * XADD): when both streams are empty, a due row of a sending campaign marked long ago is lost and
     * is fed again. Stream entries are deleted on acknowledgement, so an empty stream holds nothing
     * pending either; a duplicate entry would be harmless anyway (only a queued row can be claimed).
     */
    public int sweepLost() throws SQLException {
        if (redis.streamLength(false) > 0 || redis.streamLength(true) > 0) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages SET enqueued_at = NULL WHERE id IN (SELECT m.id"
                        + DUE + " AND c.status = 'sending' AND m.enqueued_at < now() - interval '30 seconds'"
                        + " AND (m.kind = 'message_2' OR m.run_number = c.run_number))")) {
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.infof("%d queued message(s) were on no stream: fed again", n);
                wake();
            }
            return n;
        }
    }
}
