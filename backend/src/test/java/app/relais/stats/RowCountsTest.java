package app.relais.stats;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's sizes (contacts, categories, campaigns) come from row-count aggregates
 * (V12__stats_uncached.sql), not count(*): they must equal a count(*) after multi-row inserts, an
 * upsert, deletes, a rolled-back insert, a fold and a TRUNCATE. And the daily series, summed per day in SQL,
 * puts a message in the day of the configured time zone.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class RowCountsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatsFolder folder;

    @Inject
    StatsConfig config;

    private static final List<String> TABLES = List.of("contacts", "categories", "campaigns");

    /** Aggregate and count(*) of each table, read in one snapshot. */
    private static void assertCountsExact(Connection c, String when) throws SQLException {
        for (String table : TABLES) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT stats_row_count('" + table + "'), (SELECT count(*) FROM " + table + ")")) {
                rs.next();
                assertEquals(rs.getLong(2), rs.getLong(1), table + " count " + when);
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void shouldKeepRowCountsEqualToCountStar() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection()) {
            assertCountsExact(c, "at start");
            String prefix = "+2299" + (10 + (int) (Math.random() * 80));
            exec(c, "INSERT INTO contacts (phone_e164, first_name, last_name) SELECT '" + prefix
                    + "' || lpad(g::text, 5, '0'), 'Row', '" + tag + "' FROM generate_series(1, 25) g");
            // An upsert like the import's: 20 rows updated, 5 inserted; only the inserted ones count.
            exec(c, "INSERT INTO contacts AS k (phone_e164, first_name, last_name) SELECT '" + prefix
                    + "' || lpad(g::text, 5, '0'), 'Row', '" + tag + "' FROM generate_series(6, 30) g"
                    + " ON CONFLICT (phone_e164) DO UPDATE SET notes = 'upserted'");
            exec(c, "INSERT INTO categories (name) SELECT 'Cat " + tag + " ' || g FROM generate_series(1, 3) g");
            exec(c, "INSERT INTO campaigns (name, status, message1_body) SELECT 'Camp " + tag + " ' || g, 'draft', 'Bonjour'"
                    + " FROM generate_series(1, 4) g");
            assertCountsExact(c, "after inserts, before a fold");
            folder.foldAll();
            assertCountsExact(c, "after a fold");

            c.setAutoCommit(false);
            exec(c, "INSERT INTO contacts (phone_e164, first_name, last_name) VALUES ('+22997" + (100000 + (int) (Math.random() * 899999))
                    + "', 'Rolled', 'Back')");
            assertCountsExact(c, "inside the inserting transaction");
            c.rollback();
            assertCountsExact(c, "after a rollback");

            // TRUNCATE (rolled back: the table is shared with the other tests).
            exec(c, "SET LOCAL lock_timeout = '10s'");
            exec(c, "TRUNCATE categories CASCADE");
            assertCountsExact(c, "after a TRUNCATE");
            c.rollback();
            c.setAutoCommit(true);
            assertCountsExact(c, "after the TRUNCATE was rolled back");

            exec(c, "DELETE FROM contacts WHERE last_name = '" + tag + "' AND first_name = 'Row'");
            exec(c, "DELETE FROM categories WHERE name LIKE 'Cat " + tag + " %'");
            exec(c, "DELETE FROM campaigns WHERE name LIKE 'Camp " + tag + " %'");
            assertCountsExact(c, "after deletes");
            folder.foldAll();
            assertCountsExact(c, "after deletes and a fold");
        }
        JsonPath overview = given().auth().oauth2(TestTokens.admin()).queryParam("period", "7d")
                .when().get("/api/stats/overview").then().statusCode(200).extract().jsonPath();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM categories)")) {
            rs.next();
            assertEquals(rs.getLong(1), overview.getLong("contacts"));
            assertEquals(rs.getLong(2), overview.getLong("categories"));
        }
    }

    @Test
    void shouldPutAMessageInItsDayOfTheConfiguredTimeZone() throws Exception {
        ZoneId zone = config.timeZone();
        LocalDate today = LocalDate.now(zone);
        // 00:30 local time three days ago: in UTC it is still the day before for a zone east of UTC.
        OffsetDateTime at = today.minusDays(3).atTime(0, 30).atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        JsonPath before = daily();
        try (Connection c = dataSource.getConnection()) {
            UUID campaign = StatsFixtures.campaign(c, "Jour");
            UUID m = StatsFixtures.message(c, campaign, StatsFixtures.contact(c, "Jour"), "message_1", "queued", at);
            StatsFixtures.applyForward(c, m, "delivered", at, null);
        }
        JsonPath after = daily();
        assertEquals(today.minusDays(3).toString(), after.getString("points[26].day"));
        assertEquals(before.getLong("points[26].sent") + 1, after.getLong("points[26].sent"));
        assertEquals(before.getLong("points[26].delivered") + 1, after.getLong("points[26].delivered"));
        assertEquals(before.getLong("points[25].sent"), after.getLong("points[25].sent"), "not in the day before");
        assertEquals(before.getLong("points[27].sent"), after.getLong("points[27].sent"), "not in the day after");
        folder.foldAll();
        assertEquals(after.getLong("points[26].sent"), daily().getLong("points[26].sent"), "same after a fold");
    }

    private static JsonPath daily() {
        return given().auth().oauth2(TestTokens.admin()).queryParam("days", 30).when().get("/api/stats/daily")
                .then().statusCode(200).extract().jsonPath();
    }
}
