package app.relais.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The aggregates (folded or not) must always equal a recount of the messages table, whatever order,
 * duplication or partial folding the status updates went through.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class StatsCountersTest {

    private static final String[] CALLBACKS = { "sending", "sent", "delivered", "read", "failed", "undelivered" };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatsFolder folder;

    @Test
    void shouldKeepCountersEqualToARecountAfterDuplicatedAndOutOfOrderCallbacks() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            UUID campaign = StatsFixtures.campaign(c, "Compteurs");
            List<UUID> messages = new ArrayList<>();
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2);
            for (int i = 0; i < 120; i++) {
                UUID contact = StatsFixtures.contact(c, "C" + i);
                OffsetDateTime queued = base.plusMinutes(random.nextInt(3 * 24 * 60 - 60));
                messages.add(StatsFixtures.message(c, campaign, contact, "message_1", "queued", queued));
                if (random.nextInt(4) == 0) {
                    messages.add(StatsFixtures.message(c, campaign, contact, "message_2", "queued", queued.plusMinutes(5)));
                }
                if (random.nextInt(5) == 0) {
                    StatsFixtures.message(c, campaign, contact, "reply", "received", queued.plusMinutes(3));
                }
            }
            // Every message gets its callbacks, each sent 1 to 3 times, shuffled; a fold now and then.
            List<Object[]> callbacks = new ArrayList<>();
            for (UUID m : messages) {
                int steps = 1 + random.nextInt(CALLBACKS.length);
                for (int s = 0; s < steps; s++) {
                    String status = CALLBACKS[random.nextInt(CALLBACKS.length)];
                    OffsetDateTime at = base.plusMinutes(random.nextInt(3 * 24 * 60));
                    for (int d = 0; d <= random.nextInt(3); d++) {
                        callbacks.add(new Object[] { m, status, at });
                    }
                }
            }
            Collections.shuffle(callbacks, random);
            for (int i = 0; i < callbacks.size(); i++) {
                Object[] cb = callbacks.get(i);
                String status = (String) cb[1];
                StatsFixtures.applyForward(c, (UUID) cb[0], status, (OffsetDateTime) cb[2],
                        status.equals("failed") || status.equals("undelivered") ? 63000 + random.nextInt(3) : null);
                if (random.nextInt(97) == 0) {
                    folder.foldOnce();
                }
            }
            // A rolled-back change leaves no trace; a delete takes its counts away.
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE messages SET status = 'read', read_at = now() WHERE direction = 'outbound' AND campaign_id = '" + campaign + "'");
            }
            c.rollback();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM messages WHERE id = '" + messages.get(0) + "'");
            }
            assertMatchesRecount(c, campaign, seed);
            folder.foldAll();
            assertMatchesRecount(c, campaign, seed);
            // The rebuild (run by the migration on an existing database) lands on the same numbers.
            try (Statement st = c.createStatement()) {
                st.execute("SELECT stats_rebuild()");
            }
            assertMatchesRecount(c, campaign, seed);
        }
    }

    private void assertMatchesRecount(Connection c, UUID campaign, long seed) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Map<String, Long> hourly = rows(c, """
                    SELECT hour, sum(sent), sum(delivered), sum(read), sum(failed), sum(replied) FROM (
                        SELECT hour, sent, delivered, read, failed, replied FROM stats_hourly
                        UNION ALL
                        SELECT date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', sent, delivered, read, failed, replied
                        FROM stats_deltas WHERE minute IS NOT NULL) x
                    GROUP BY hour HAVING sum(sent) <> 0 OR sum(delivered) <> 0 OR sum(read) <> 0 OR sum(failed) <> 0 OR sum(replied) <> 0
                    """);
            Map<String, Long> recount = rows(c, """
                    SELECT hour, sum(sent), sum(delivered), sum(read), sum(failed), sum(replied) FROM (
                        SELECT date_trunc('hour', stats_milestone_at(m, 'sent') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, 1 AS sent, 0 AS delivered, 0 AS read, 0 AS failed, 0 AS replied FROM messages m WHERE stats_milestone_at(m, 'sent') IS NOT NULL
                        UNION ALL SELECT date_trunc('hour', stats_milestone_at(m, 'delivered') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 0, 1, 0, 0, 0 FROM messages m WHERE stats_milestone_at(m, 'delivered') IS NOT NULL
                        UNION ALL SELECT date_trunc('hour', stats_milestone_at(m, 'read') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 0, 0, 1, 0, 0 FROM messages m WHERE stats_milestone_at(m, 'read') IS NOT NULL
                        UNION ALL SELECT date_trunc('hour', stats_milestone_at(m, 'failed') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 0, 0, 0, 1, 0 FROM messages m WHERE stats_milestone_at(m, 'failed') IS NOT NULL
                        UNION ALL SELECT date_trunc('hour', stats_milestone_at(m, 'replied') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 0, 0, 0, 0, 1 FROM messages m WHERE stats_milestone_at(m, 'replied') IS NOT NULL
                    ) x GROUP BY hour
                    """);
            assertEquals(recount, hourly, "hourly aggregates differ from a recount (seed " + seed + ")");
            String cid = campaign.toString();
            Map<String, Long> statusCounts = rows(c, """
                    SELECT kind || '/' || status || '/' || e, sum(n) FROM (
                        SELECT kind, status, error_code AS e, count AS n FROM stats_status_counts WHERE campaign_id = '%1$s'
                        UNION ALL SELECT kind, new_status, coalesce(error_code, 0), weight FROM stats_deltas WHERE campaign_id = '%1$s' AND new_status IS NOT NULL
                        UNION ALL SELECT kind, old_status, coalesce(error_code, 0), -weight FROM stats_deltas WHERE campaign_id = '%1$s' AND old_status IS NOT NULL
                    ) x GROUP BY 1 HAVING sum(n) <> 0
                    """.formatted(cid));
            Map<String, Long> statusRecount = rows(c,
                    "SELECT kind || '/' || status || '/' || coalesce(error_code, 0), count(*) FROM messages WHERE campaign_id = '" + cid + "' GROUP BY 1");
            assertEquals(statusRecount, statusCounts, "status counts differ from a recount (seed " + seed + ")");
            // The campaign's live counters (campaign API, campaign.progress) read the same aggregates.
            Map<String, Long> counters = rows(c, """
                    SELECT 'c', sent_count, delivered_count, read_count, failed_count, message2_sent_count
                    FROM campaign_counters(ARRAY['%1$s'::uuid])""".formatted(cid));
            Map<String, Long> countersRecount = rows(c, """
                    SELECT 'c', count(*) FILTER (WHERE kind = 'message_1' AND status IN ('sent', 'delivered', 'read')),
                           count(*) FILTER (WHERE kind = 'message_1' AND status IN ('delivered', 'read')),
                           count(*) FILTER (WHERE kind = 'message_1' AND status = 'read'),
                           count(*) FILTER (WHERE kind = 'message_1' AND status IN ('failed', 'undelivered')),
                           count(*) FILTER (WHERE kind = 'message_2' AND status IN ('sent', 'delivered', 'read'))
                    FROM messages WHERE campaign_id = '%1$s'""".formatted(cid));
            assertEquals(countersRecount, counters, "campaign counters differ from a recount (seed " + seed + ")");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    private static Map<String, Long> rows(Connection c, String sql) throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 2; i <= columns; i++) {
                    result.put(rs.getString(1) + "#" + i, rs.getLong(i));
                }
            }
        }
        return result;
    }
}
