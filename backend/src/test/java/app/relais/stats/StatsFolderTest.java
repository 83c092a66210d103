package app.relais.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import app.relais.testsupport.RelaisTestResources;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fold must stay linear in its backlog whatever the planner believes about the deltas table.
 * After a vacuum of a nearly empty table its statistics say "one row"; the former batch query
 * ({@code id IN (SELECT id ... LIMIT ?)}) then became a nested loop over sequential scans and took
 * more than a minute for 35,000 deltas, so the fold fell further and further behind.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class StatsFolderTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatsFolder folder;

    @Test
    void shouldFoldABacklogQuicklyEvenWhenTheStatisticsSayTheTableIsEmpty() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // 30,000 deltas that change no number (zero counts, no status), so other tests are unaffected.
                st.execute("INSERT INTO stats_deltas (minute, kind) SELECT date_trunc('minute', now()), 'message_1'"
                        + " FROM generate_series(1, 30000)");
                st.execute("UPDATE pg_class SET reltuples = 1,"
                        + " relpages = greatest(1, (pg_relation_size('stats_deltas') / current_setting('block_size')::int)::int)"
                        + " WHERE oid = 'stats_deltas'::regclass");
            }
            c.commit();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> folder.foldAll());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM stats_deltas WHERE kind = 'message_1' AND minute IS NOT NULL"
                        + " AND sent = 0 AND delivered = 0 AND read = 0 AND failed = 0 AND replied = 0 AND new_status IS NULL")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "the backlog is folded");
        }
    }
}
