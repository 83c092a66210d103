package app.relais.common;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops accepting connections (every session killed, new ones refused): readiness turns
 * DOWN with 503, the API answers 503 Problem Details with Retry-After (never a 500), and both recover
 * by themselves when the database is back.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class DatabaseOutageTest {

    @Test
    void shouldReport503WhileTheDatabaseIsDownAndRecoverAfter() throws Exception {
        String url = RelaisTestResources.jdbcUrl();
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*$", "");
        String maintenance = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        // Minted (their users created) before the outage; the second user's session state is in no cache.
        String adminToken = TestTokens.admin();
        String unseen = TestTokens.token(java.util.UUID.randomUUID(), "unseen-" + java.util.UUID.randomUUID() + "@test.local",
                "admin", Duration.ofMinutes(5));
        try (Connection admin = DriverManager.getConnection(maintenance, RelaisTestResources.dbUser(),
                RelaisTestResources.dbPassword())) {
            try {
                try (Statement st = admin.createStatement()) {
                    st.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
                }
                try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    ps.setString(1, database);
                    ps.execute();
                }
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        given().when().get("/api/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                                .body("checks.status", hasItem("DOWN")));
                for (String token : new String[] { adminToken, unseen }) {
                    given().auth().oauth2(token).header("Accept-Language", "en")
                            .when().get("/api/contacts").then().statusCode(503)
                            .contentType("application/problem+json")
                            .header("Retry-After", equalTo("5"))
                            .body("code", equalTo("service-unavailable"));
                }
            } finally {
                try (Statement st = admin.createStatement()) {
                    st.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/api/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().auth().oauth2(adminToken).when().get("/api/contacts").then().statusCode(200);
        given().auth().oauth2(unseen).when().get("/api/contacts").then().statusCode(200);
    }
}
