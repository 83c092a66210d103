package app.relais.stats;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Moves the deltas the messages trigger appends (V6__stats.sql) into the aggregates, deleting them
 * in the same transaction: a crash before the commit leaves them to fold again, after the commit
 * they are gone, so nothing is lost or counted twice. One instance folds at a time (advisory lock).
 * The row-count deltas of contacts, categories and campaigns (V12) are folded in the same transaction.
 */
@ApplicationScoped
public class StatsFolder {

    private static final Logger LOG = Logger.getLogger(StatsFolder.class);
    private static final long LOCK_KEY = 0x52454c4149535354L;

    /**
     * The batch is "every id up to the batch's largest": a range on the primary key. (It was
     * {@code id IN (SELECT id ... LIMIT ?)}, which the planner joins with a nested loop and a
     * sequential scan when the table's statistics say it is nearly empty, as they do after each
     * vacuum: quadratic, more than 60 s for a 35,000-delta backlog, so the fold fell further behind
     * under load. The range delete takes 20 ms for the same backlog.) Rows of transactions not yet
     * committed are not visible here and wait for the next fold, as before.
     */
    private static final String FOLD = """
            WITH d AS (
                DELETE FROM stats_deltas WHERE id <= (SELECT max(id) FROM (SELECT id FROM stats_deltas ORDER BY id LIMIT ?) b)
                RETURNING *
            ), m AS (
                INSERT INTO stats_minutely AS t (minute, sent, delivered, read, failed, replied)
                SELECT minute, sum(sent), sum(delivered), sum(read), sum(failed), sum(replied)
                FROM d WHERE minute IS NOT NULL AND minute > now() - interval '2 days'
                GROUP BY minute ORDER BY minute
                ON CONFLICT (minute) DO UPDATE SET sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                    read = t.read + excluded.read, failed = t.failed + excluded.failed, replied = t.replied + excluded.replied
                RETURNING 1
            ), h AS (
                INSERT INTO stats_hourly AS t (hour, sent, delivered, read, failed, replied)
                SELECT date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
                       sum(sent), sum(delivered), sum(read), sum(failed), sum(replied)
                FROM d WHERE minute IS NOT NULL
                GROUP BY 1 ORDER BY 1
                ON CONFLICT (hour) DO UPDATE SET sent = t.sent + excluded.sent, delivered = t.delivered + excluded.delivered,
                    read = t.read + excluded.read, failed = t.failed + excluded.failed, replied = t.replied + excluded.replied
                RETURNING 1
            ), s AS (
                INSERT INTO stats_status_counts AS t (campaign_id, kind, status, error_code, count)
                SELECT coalesce(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid), kind, status, coalesce(error_code, 0), sum(c)
                FROM (SELECT campaign_id, kind, new_status AS status, error_code, weight AS c FROM d WHERE new_status IS NOT NULL
                      UNION ALL
                      SELECT campaign_id, kind, old_status, error_code, -weight FROM d WHERE old_status IS NOT NULL) x
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (campaign_id, kind, status, error_code) DO UPDATE SET count = t.count + excluded.count
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM d), (SELECT count(*) FROM m), (SELECT count(*) FROM h), (SELECT count(*) FROM s)
            """;

    /** Row counts of contacts, categories and campaigns (V12): one delta row per statement, few. */
    private static final String FOLD_ROW_COUNTS = """
            WITH d AS (DELETE FROM stats_row_count_deltas RETURNING name, delta)
            INSERT INTO stats_row_counts AS t (name, count)
            SELECT name, sum(delta) FROM d GROUP BY name ORDER BY name
            ON CONFLICT (name) DO UPDATE SET count = t.count + excluded.count
            RETURNING 1
            """;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatsConfig config;

    @Scheduled(every = "${relais.stats.fold-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "3s")
    void scheduledFold() {
        try {
            int folded;
            long total = 0;
            while ((folded = foldOnce()) >= config.foldBatch()) {
                total += folded;
            }
            total += Math.max(folded, 0);
            if (total > 0) {
                vacuumDeltas();
            }
        } catch (SQLException e) {
            LOG.warnf("Statistics fold failed, retried at the next run: %s", e.getMessage());
        }
    }

    /**
     * Every read scans the unfolded deltas, so the deltas table must stay as small as its live rows.
     * Each fold deletes what it folded, but the dead rows stay in the table until a vacuum, and
     * autovacuum looks at a table once a minute at best: under 1,000+ callbacks/s that is 100,000+
     * dead rows that every dashboard read would scan. A vacuum right after the fold makes their space
     * reusable at once (cheap: the table is small; SKIP_LOCKED: never waits).
     */
    void vacuumDeltas() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("VACUUM (SKIP_LOCKED) stats_deltas, stats_row_count_deltas");
        } catch (SQLException e) {
            LOG.debugf("Vacuum of the statistics deltas skipped: %s", e.getMessage());
        }
    }

    /** Folds one batch; returns how many deltas were folded, -1 when another instance holds the lock. */
    public int foldOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        c.rollback();
                        return -1;
                    }
                }
                int folded;
                try (PreparedStatement ps = c.prepareStatement(FOLD)) {
                    ps.setInt(1, config.foldBatch());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        folded = rs.getInt(1);
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM stats_minutely WHERE minute < now() - interval '2 days'");
                    st.execute(FOLD_ROW_COUNTS);
                }
                c.commit();
                return folded;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Folds until nothing is left (tests, benchmark preparation). */
    public void foldAll() throws SQLException {
        int folded;
        while ((folded = foldOnce()) != 0) {
            if (folded < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
