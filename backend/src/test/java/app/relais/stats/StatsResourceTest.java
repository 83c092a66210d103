package app.relais.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class StatsResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatsFolder folder;

    /** Ten recipients with known fates, two Message 2, three replies from two contacts. */
    private UUID campaignWithKnownFunnel() throws Exception {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        try (Connection c = dataSource.getConnection()) {
            UUID campaign = StatsFixtures.campaign(c, "Entonnoir");
            String[] fates = { "read", "read", "read", "delivered", "delivered", "sent", "failed", "undelivered", "queued", "sending" };
            for (int i = 0; i < fates.length; i++) {
                UUID contact = StatsFixtures.contact(c, i == 0 ? "=HYPERLINK(\"x\")" : "Awa" + i);
                UUID m1 = StatsFixtures.message(c, campaign, contact, "message_1", "queued", t);
                for (String step : List.of("sent", "delivered", "read")) {
                    if (fates[i].equals("queued") || fates[i].equals("sending")) {
                        break;
                    }
                    if (fates[i].equals("failed") || fates[i].equals("undelivered")) {
                        StatsFixtures.applyForward(c, m1, fates[i], t.plusMinutes(1), fates[i].equals("failed") ? 63007 : 30003);
                        break;
                    }
                    StatsFixtures.applyForward(c, m1, step, t.plusMinutes(1), null);
                    if (step.equals(fates[i])) {
                        break;
                    }
                }
                if (fates[i].equals("sending")) {
                    StatsFixtures.applyForward(c, m1, "sending", t, null);
                }
                if (i < 2) {
                    StatsFixtures.message(c, campaign, contact, "reply", "received", t.plusMinutes(2));
                    UUID m2 = StatsFixtures.message(c, campaign, contact, "message_2", "queued", t.plusMinutes(3));
                    StatsFixtures.applyForward(c, m2, i == 0 ? "read" : "delivered", t.plusMinutes(4), null);
                }
                if (i == 0) {
                    StatsFixtures.message(c, campaign, contact, "reply", "received", t.plusMinutes(5));
                }
            }
            return campaign;
        }
    }

    @Test
    void shouldReportACampaignFunnelThatMatchesItsMessages() throws Exception {
        UUID campaign = campaignWithKnownFunnel();
        JsonPath stats = given().auth().oauth2(TestTokens.admin()).header("Accept-Language", "fr")
                .when().get("/api/campaigns/{id}/stats", campaign)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(10, stats.getInt("recipients"));
        assertEquals(2, stats.getInt("pending"));
        assertEquals(6, stats.getInt("sent"));
        assertEquals(5, stats.getInt("delivered"));
        assertEquals(3, stats.getInt("read"));
        assertEquals(2, stats.getInt("failed"));
        assertEquals(2, stats.getInt("replied"));
        assertEquals(2, stats.getInt("message2Sent"));
        assertEquals(1, stats.getInt("message2Read"));
        assertEquals(List.of("recipients", "sent", "delivered", "read", "replied", "message2Sent", "message2Read"),
                stats.getList("funnel.stage"));
        assertEquals(List.of(10, 6, 5, 3, 2, 2, 1), stats.getList("funnel.count"));
        assertEquals(0.625, stats.getDouble("deliveryRate"), 1e-9);
        assertEquals(List.of(63007, 30003), stats.getList("failures.errorCode").stream().sorted((a, b) -> Integer.compare((Integer) b, (Integer) a)).toList());
        assertTrue(stats.getString("failures.find { it.errorCode == 63007 }.explanation").toLowerCase().contains("sandbox"));

        // The same numbers after the deltas are folded.
        folder.foldAll();
        given().auth().oauth2(TestTokens.admin()).when().get("/api/campaigns/{id}/stats", campaign)
                .then().statusCode(200).body("funnel.count", equalTo(List.of(10, 6, 5, 3, 2, 2, 1)));
        given().auth().oauth2(TestTokens.admin()).queryParam("campaignId", campaign)
                .when().get("/api/stats/status-distribution")
                .then().statusCode(200)
                .body("find { it.status == 'read' }.count", equalTo(4))
                .body("find { it.status == 'queued' }.count", equalTo(1));
    }

    @Test
    void shouldPageFilterAndExportRecipientsSafely() throws Exception {
        UUID campaign = campaignWithKnownFunnel();
        given().auth().oauth2(TestTokens.admin()).queryParam("status", "read").queryParam("kind", "message_1")
                .queryParam("sort", "-sentAt").queryParam("size", 2)
                .when().get("/api/campaigns/{id}/recipients", campaign)
                .then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(2))
                .body("items[0].status", equalTo("read"));
        given().auth().oauth2(TestTokens.admin()).queryParam("status", "failed")
                .when().get("/api/campaigns/{id}/recipients", campaign)
                .then().statusCode(200).body("items[0].errorCode", equalTo(63007))
                .body("items[0].errorExplanation", org.hamcrest.Matchers.containsStringIgnoringCase("sandbox"));
        given().auth().oauth2(TestTokens.admin()).queryParam("sort", "password")
                .when().get("/api/campaigns/{id}/recipients", campaign)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("sort"));
        String csv = given().auth().oauth2(TestTokens.admin()).when().get("/api/campaigns/{id}/recipients.csv", campaign)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertEquals(13, csv.split("\r\n").length, csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), csv);
        given().auth().oauth2(TestTokens.admin()).when().get("/api/campaigns/{id}/stats", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldCountTodaysMessagesInTheOverviewAndTheDailySeries() throws Exception {
        JsonPath before = given().auth().oauth2(TestTokens.admin()).queryParam("period", "today")
                .when().get("/api/stats/overview").then().statusCode(200).extract().jsonPath();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            UUID campaign = StatsFixtures.campaign(c, "Aujourd'hui");
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < 3; i++) {
                UUID m = StatsFixtures.message(c, campaign, StatsFixtures.contact(c, "K" + i), "message_1", "queued", now);
                StatsFixtures.applyForward(c, m, "delivered", now, null);
            }
        }
        JsonPath after = given().auth().oauth2(TestTokens.admin()).queryParam("period", "today")
                .when().get("/api/stats/overview").then().statusCode(200)
                .body("estimatedCost.currency", equalTo("USD")).extract().jsonPath();
        assertTrue(after.getLong("sentToday") - before.getLong("sentToday") >= 3);
        assertTrue(after.getLong("delivered") - before.getLong("delivered") >= 3);
        assertTrue(after.getLong("campaigns") >= before.getLong("campaigns"));
        given().auth().oauth2(TestTokens.admin()).queryParam("days", 30).when().get("/api/stats/daily")
                .then().statusCode(200).body("points", hasSize(30)).body("points[29].sent", not(equalTo(0)));
        given().auth().oauth2(TestTokens.admin()).queryParam("period", "1y").when().get("/api/stats/overview")
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/stats/recent-messages")
                .then().statusCode(200).body("size()", equalTo(10));
    }

    @Test
    void shouldRefuseAnonymousCallers() {
        given().when().get("/api/stats/overview").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/campaigns/{id}/stats", UUID.randomUUID()).then().statusCode(401);
    }
}
