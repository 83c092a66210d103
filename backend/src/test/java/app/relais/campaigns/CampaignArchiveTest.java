package app.relais.campaigns;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A campaign that sent something is archived, never deleted: its messages, replies and statistics stay. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CampaignArchiveTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    @Test
    void shouldArchiveInsteadOfDeletingACampaignThatSentAndKeepItsReplyAndStatistics() {
        UUID cat = category();
        UUID awa = contact("Awa");
        addToCategory(cat, awa);
        String name = "Archive " + UUID.randomUUID();
        UUID campaign = createCampaign(Map.of("name", name, "categoryIds", List.of(cat), "message1Body", "Bonjour {{first_name}}"));
        launch(campaign).then().statusCode(200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'message_1'"
                + " AND status IN ('sent', 'delivered', 'read')", campaign) == 1);
        reply(phoneOf(awa), "Oui, merci");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'reply'", campaign) == 1);
        action(campaign, "stop");
        long sentToday = sentToday();
        long campaignSent = count("SELECT sent_count FROM campaign_counters(ARRAY[?::uuid])", campaign);

        given().auth().oauth2(TestTokens.admin()).delete("/api/campaigns/" + campaign).then().statusCode(200)
                .body("id", equalTo(campaign.toString())).body("archivedAt", notNullValue());

        assertEquals(1, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'reply'", campaign));
        assertEquals(1, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'message_1'", campaign));
        assertEquals(sentToday, sentToday());
        assertEquals(campaignSent, count("SELECT sent_count FROM campaign_counters(ARRAY[?::uuid])", campaign));
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + awa + "/messages").then().statusCode(200)
                .body("items.body", hasItem("Oui, merci"));

        given().auth().oauth2(TestTokens.admin()).queryParam("q", name).get("/api/campaigns").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", name).queryParam("archived", true).get("/api/campaigns")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].archivedAt", notNullValue());
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + campaign).then().statusCode(200)
                .body("archivedAt", notNullValue());
        action(campaign, "relaunch").then().statusCode(409).body("code", equalTo("campaign-archived"));

        action(campaign, "restore").then().statusCode(200).body("archivedAt", nullValue());
        given().auth().oauth2(TestTokens.admin()).queryParam("q", name).get("/api/campaigns").then().statusCode(200)
                .body("total", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", name).queryParam("archived", true).get("/api/campaigns")
                .then().body("total", equalTo(0));
    }

    @Test
    void shouldDeleteACampaignThatNeverSentAndArchiveADraftOnRequest() {
        UUID cat = category();
        UUID draft = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        given().auth().oauth2(TestTokens.admin()).delete("/api/campaigns/" + draft).then().statusCode(204);
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + draft).then().statusCode(404);

        UUID kept = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        action(kept, "archive").then().statusCode(200).body("archivedAt", notNullValue());
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(Map.of("name", "Autre"))
                .patch("/api/campaigns/" + kept).then().statusCode(409).body("code", equalTo("campaign-archived"));
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns").then().statusCode(200)
                .body("items.id", not(hasItem(kept.toString())));

        UUID scheduled = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour",
                "scheduledAt", java.time.OffsetDateTime.now().plusDays(1).toString()));
        action(scheduled, "archive").then().statusCode(409).body("code", equalTo("campaign-not-archivable"));
        given().auth().oauth2(TestTokens.admin()).header("Accept-Language", "en").post("/api/campaigns/" + scheduled + "/archive")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldRequireAnAdminToArchiveOrRestore() {
        UUID id = UUID.randomUUID();
        given().post("/api/campaigns/" + id + "/archive").then().statusCode(401);
        given().post("/api/campaigns/" + id + "/restore").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).post("/api/campaigns/" + id + "/restore").then().statusCode(404);
    }

    private static long sentToday() {
        return ((Number) given().auth().oauth2(TestTokens.admin()).get("/api/stats/daily").then().statusCode(200)
                .extract().path("points[-1].sent")).longValue();
    }
}
