package app.relais.messages;

import static app.relais.testsupport.Db.exec;
import static app.relais.testsupport.Db.queryOne;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The messages log, a contact's conversation and the conversations inbox, on rows written as the engine and webhook write them. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class MessageLogTest {

    UUID awa;
    UUID old;
    UUID campaign;
    UUID m1;
    UUID reply;
    UUID m2;

    @BeforeEach
    void seed() {
        awa = queryOne("INSERT INTO contacts (phone_e164, first_name, last_name, last_inbound_at, profile_name)"
                + " VALUES (?, 'Awa', 'Koné', now() - interval '2 minutes', 'Awa K') RETURNING id", phone());
        old = queryOne("INSERT INTO contacts (phone_e164, first_name, last_inbound_at) VALUES (?, 'Ancien',"
                + " now() - interval '30 hours') RETURNING id", phone());
        campaign = queryOne("INSERT INTO campaigns (name, status, message1_body) VALUES (?, 'sending', 'Bonjour') RETURNING id",
                "Soldes " + UUID.randomUUID());
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        m1 = queryOne("INSERT INTO messages (campaign_id, contact_id, kind, direction, body, twilio_sid, status, error_code,"
                + " error_message, failed_at, created_at) VALUES (?, ?, 'message_1', 'outbound', 'Bonjour Awa', ?, 'failed',"
                + " 63016, 'Outside the window', now(), now() - interval '3 minutes') RETURNING id", campaign, awa, sid);
        exec("INSERT INTO message_status_events (message_id, twilio_sid, status, received_at) VALUES (?, ?, 'sent',"
                + " now() - interval '170 seconds')", m1, sid);
        exec("INSERT INTO message_status_events (message_id, twilio_sid, status, error_code, error_message, received_at)"
                + " VALUES (?, ?, 'failed', 63016, 'Outside the window', now() - interval '160 seconds')", m1, sid);
        reply = queryOne("INSERT INTO messages (campaign_id, contact_id, kind, direction, body, media, status, received_at,"
                + " created_at) VALUES (?, ?, 'reply', 'inbound', 'Oui merci', '[{\"url\":\"https://api.twilio.com/m/1\","
                + "\"contentType\":\"image/jpeg\"}]'::jsonb, 'received', now(), now() - interval '2 minutes') RETURNING id",
                campaign, awa);
        m2 = queryOne("INSERT INTO messages (campaign_id, contact_id, kind, direction, body, status, read_at, created_at)"
                + " VALUES (?, ?, 'message_2', 'outbound', 'Voici votre code', 'read', now(), now() - interval '1 minute')"
                + " RETURNING id", campaign, awa);
        exec("INSERT INTO messages (contact_id, kind, direction, body, status, received_at, created_at)"
                + " VALUES (?, 'reply', 'inbound', 'Bonsoir', 'received', now(), now() - interval '30 hours')", old);
    }

    @Test
    void shouldShowAContactsConversationNewestFirstAndPageIt() {
        JsonPath page = given().auth().oauth2(TestTokens.admin()).when().get("/api/contacts/{id}/messages", awa)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(m2.toString(), reply.toString(), m1.toString()), page.getList("items.id"));
        assertEquals(3, page.getInt("total"));
        assertTrue(page.getBoolean("totalExact"));
        assertEquals("inbound", page.getString("items[1].direction"));
        assertEquals("image/jpeg", page.getString("items[1].media[0].contentType"));
        assertEquals(campaign.toString(), page.getString("items[2].campaignId"));

        JsonPath first = given().auth().oauth2(TestTokens.admin()).queryParam("size", 2)
                .when().get("/api/contacts/{id}/messages", awa).then().statusCode(200).extract().jsonPath();
        assertEquals(2, first.getList("items").size());
        assertTrue(first.getBoolean("hasMore"));
        assertEquals(3, first.getInt("total"));
        JsonPath second = given().auth().oauth2(TestTokens.admin()).queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/contacts/{id}/messages", awa).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(m1.toString()), second.getList("items.id"));
        assertFalse(second.getBoolean("hasMore"));

        given().auth().oauth2(TestTokens.admin()).when().get("/api/contacts/{id}/messages", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldFilterTheLogAndExplainFailures() {
        given().auth().oauth2(TestTokens.admin()).queryParam("contactId", awa).queryParam("status", "failed,undelivered")
                .when().get("/api/messages")
                .then().statusCode(200)
                .body("items.id", contains(m1.toString()))
                .body("items[0].errorCode", equalTo(63016))
                .body("items[0].errorExplanation", notNullValue())
                .body("items[0].contactName", equalTo("Awa Koné"))
                .body("total", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).queryParam("campaignId", campaign).queryParam("direction", "inbound")
                .when().get("/api/messages")
                .then().statusCode(200).body("items.id", contains(reply.toString()))
                .body("items[0].errorExplanation", nullValue());
        given().auth().oauth2(TestTokens.admin()).queryParam("campaignId", campaign).queryParam("kind", "message_2")
                .when().get("/api/messages")
                .then().statusCode(200).body("items.id", contains(m2.toString()));
    }

    @Test
    void shouldRefuseBadFiltersNamingTheField() {
        given().auth().oauth2(TestTokens.admin()).queryParam("status", "delivred").when().get("/api/messages")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("status"));
        given().auth().oauth2(TestTokens.admin()).queryParam("phone", "06 12").when().get("/api/messages")
                .then().statusCode(400).body("errors.field", hasItem("phone"));
        given().auth().oauth2(TestTokens.admin()).queryParam("since", "2026-11-02T00:00:00Z")
                .queryParam("until", "2026-11-01T00:00:00Z").when().get("/api/messages")
                .then().statusCode(400).body("errors.field", hasItem("until"));
    }

    @Test
    void shouldGiveAMessageWithItsStatusEventsInOrder() {
        given().auth().oauth2(TestTokens.admin()).header("Accept-Language", "en").when().get("/api/messages/{id}", m1)
                .then().statusCode(200)
                .body("message.id", equalTo(m1.toString()))
                .body("message.status", equalTo("failed"))
                .body("events.status", contains("sent", "failed"))
                .body("events[1].errorCode", equalTo(63016));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/messages/{id}", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void shouldListConversationsWithTheirWindowAndNewestMessage() {
        JsonPath open = given().auth().oauth2(TestTokens.admin()).queryParam("windowOpen", true).queryParam("size", 200)
                .when().get("/api/conversations").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = open.getList("items");
        Map<String, Object> mine = items.stream().filter(i -> awa.toString().equals(i.get("contactId"))).findFirst()
                .orElseThrow();
        assertEquals(true, mine.get("windowOpen"));
        assertEquals("Awa K", mine.get("profileName"));
        assertEquals(m2.toString(), ((Map<?, ?>) mine.get("lastMessage")).get("id"));
        assertTrue(items.stream().noneMatch(i -> old.toString().equals(i.get("contactId"))));

        given().auth().oauth2(TestTokens.admin()).queryParam("windowOpen", false).queryParam("size", 200)
                .when().get("/api/conversations").then().statusCode(200)
                .body("items.contactId", hasItem(old.toString()))
                .body("items.find { it.contactId == '" + old + "' }.windowOpen", equalTo(false))
                .body("items.find { it.contactId == '" + old + "' }.lastMessage.body", equalTo("Bonsoir"));
    }

    @Test
    void shouldAnswerInsideTheWindowOnlyAndSendItOnce() {
        String id = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body("{\"body\":\"Votre commande part demain.\"}")
                .when().post("/api/contacts/{id}/messages", awa)
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/messages/"
                        + given().auth().oauth2(TestTokens.admin()).when().get("/api/contacts/{id}/messages", awa)
                                .then().extract().path("items[0].id")))
                .body("kind", equalTo("manual"))
                .body("direction", equalTo("outbound"))
                .body("twilioSid", notNullValue())
                .extract().path("id");
        Map<String, Object> row = app.relais.testsupport.Db.row("SELECT body, twilio_sid, kind FROM messages WHERE id = ?::uuid", id);
        assertEquals("Votre commande part demain.", row.get("body"));
        assertEquals(1L, app.relais.testsupport.Db.count("SELECT count(*) FROM messages WHERE contact_id = ? AND kind = 'manual'", awa));

        long before = app.relais.testsupport.Db.count("SELECT count(*) FROM messages WHERE contact_id = ?", old);
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{\"body\":\"Bonjour\"}")
                .when().post("/api/contacts/{id}/messages", old)
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("conversation-window-closed"))
                .body("title", equalTo("Fenêtre de 24 h fermée"));
        assertEquals(before, app.relais.testsupport.Db.count("SELECT count(*) FROM messages WHERE contact_id = ?", old));

        exec("UPDATE contacts SET opted_out = true, opted_out_at = now(), opt_out_source = 'inbound_keyword' WHERE id = ?", awa);
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{\"body\":\"Bonjour\"}")
                .when().post("/api/contacts/{id}/messages", awa)
                .then().statusCode(409).body("code", equalTo("contact-opted-out"));
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{\"body\":\"  \"}")
                .when().post("/api/contacts/{id}/messages", awa)
                .then().statusCode(400).body("errors.field", hasItem("body"));
        assertEquals(1L, app.relais.testsupport.Db.count("SELECT count(*) FROM messages WHERE contact_id = ? AND kind = 'manual'", awa));
    }

    private static String phone() {
        return "+336" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }
}
