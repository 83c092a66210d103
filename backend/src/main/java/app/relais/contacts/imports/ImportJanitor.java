package app.relais.contacts.imports;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Import jobs whose instance died. A running job holds a PostgreSQL advisory lock on its own
 * connection's session ({@link #lock}); the session ends with the process, and so does the lock. Any
 * instance that can take the lock of a job still marked "running" knows nobody runs it: the job is
 * marked failed with what was committed (its counters, its report), never left running for ever.
 * A job still "queued" lives only in the worker queue of the instance that accepted it: when that
 * instance is gone (its heartbeat silent on two sweeps in a row, or it restarted under the same name)
 * the job ends the same way at the next sweep, not after 6 hours (the limit kept for rows without an
 * instance name, written before V23).
 */
@ApplicationScoped
public class ImportJanitor {

    private static final Logger LOG = Logger.getLogger(ImportJanitor.class);
    /** First key of the two-key advisory lock: keeps import locks apart from any other use. */
    static final int LOCK_SPACE = 0x1A2B_0001;

    private final DataSource dataSource;
    private final app.relais.monitoring.InstanceHeartbeat heartbeat;
    /** Queued jobs whose instance looked gone at the previous sweep: gone twice in a row is gone. */
    private final java.util.Set<UUID> suspects = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ImportJanitor(DataSource dataSource, app.relais.monitoring.InstanceHeartbeat heartbeat) {
        this.dataSource = dataSource;
        this.heartbeat = heartbeat;
    }

    /** Releases the job's lock, rolling back first so the release works after a failed statement. */
    public interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    static Held lock(Connection conn, UUID jobId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, jobId.toString());
            ps.execute();
        }
        return () -> {
            if (!conn.getAutoCommit()) {
                conn.rollback();
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setString(2, jobId.toString());
                ps.execute();
            }
        };
    }

    @Scheduled(every = "${relais.contacts.import.janitor-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Import janitor skipped: %s", e.getMessage());
        }
    }

    /**
     * A queued job is orphaned when the instance that accepted it is this one under a previous life
     * (same name, created before this process started), or another instance whose heartbeat is older
     * than the dead-after limit, or absent, on two sweeps in a row (Redis may have just been emptied).
     */
    private boolean queuedOnAGoneInstance(UUID id, String instance, long createdAtMillis, java.util.Set<UUID> stillSuspect) {
        if (instance.equals(heartbeat.instanceName())) {
            return createdAtMillis < heartbeat.startedAtMillis();
        }
        long last;
        try {
            last = heartbeat.lastBeatMillis(instance);
        } catch (RuntimeException e) {
            return false; // Redis unreachable: no judgement now.
        }
        boolean silent = last < 0 || last < System.currentTimeMillis() - heartbeat.deadAfter().toMillis();
        if (!silent) {
            return false;
        }
        if (suspects.contains(id)) {
            return true;
        }
        stillSuspect.add(id);
        return false;
    }

    /** Marks orphaned jobs failed; returns how many. */
    public int sweep() throws SQLException {
        List<UUID> candidates = new ArrayList<>();
        java.util.Set<UUID> stillSuspect = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, status, instance_name, created_at FROM contact_imports WHERE status = 'running'"
                        + " OR (status = 'queued' AND (instance_name IS NOT NULL"
                        + " OR created_at < now() - interval '6 hours'))")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    String instance = rs.getString(3);
                    if ("running".equals(rs.getString(2)) || instance == null) {
                        candidates.add(id);
                    } else if (queuedOnAGoneInstance(id, instance, rs.getTimestamp(4).getTime(), stillSuspect)) {
                        candidates.add(id);
                    }
                }
            }
        }
        suspects.retainAll(stillSuspect);
        suspects.addAll(stillSuspect);
        int ended = 0;
        for (UUID id : candidates) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    boolean free;
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
                        ps.setInt(1, LOCK_SPACE);
                        ps.setString(2, id.toString());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            free = rs.getBoolean(1);
                        }
                    }
                    Integer line = null;
                    if (free) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT last_line FROM contact_imports"
                                + " WHERE id = ? AND status IN ('running', 'queued') FOR UPDATE")) {
                            ps.setObject(1, id);
                            try (ResultSet rs = ps.executeQuery()) {
                                line = rs.next() ? rs.getInt(1) : null;
                            }
                        }
                    }
                    if (line != null) {
                        try (PreparedStatement ps = c.prepareStatement("UPDATE contact_imports SET status = 'failed',"
                                + " finished_at = now(), error_message = ? WHERE id = ?")) {
                            ps.setString(1, ImportMessages.failure("interrupted", line));
                            ps.setObject(2, id);
                            ps.executeUpdate();
                        }
                        ended++;
                        LOG.warnf("Contact import %s was interrupted (its instance stopped) after line %d: marked failed",
                                id, line);
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
        }
        return ended;
    }
}
