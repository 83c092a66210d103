package app.relais.whatsapp;

import static app.relais.whatsapp.TwilioWebhookTest.PUBLIC_BASE;
import static app.relais.whatsapp.TwilioWebhookTest.inbound;
import static app.relais.whatsapp.TwilioWebhookTest.post;
import static app.relais.whatsapp.TwilioWebhookTest.signedPost;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the webhook believes: a NUL that WhatsApp sends is stored (not a 503 Twilio retries into), a
 * malformed form is a 400 Problem, a validly signed request for another account is refused, and
 * forged requests are counted apart instead of moving the settings page's "last webhook".
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class WebhookTrustTest {

    @Test
    void shouldStoreASignedInboundMessageHoldingNulCharacters() {
        String phone = WhatsAppFixtures.randomPhone();
        Map<String, String> params = inbound(phone, "nul\u0000byte");
        params.put("ProfileName", "Al\u0000ice");

        signedPost(null, params).statusCode(200).contentType(startsWith("text/xml"));

        Map<String, Object> message = WhatsAppFixtures.row("SELECT body, contact_id FROM messages WHERE twilio_sid = ?",
                params.get("MessageSid"));
        assertEquals("nul\uFFFDbyte", message.get("body"));
        assertEquals("Al\uFFFDice", WhatsAppFixtures.queryOne("SELECT profile_name FROM contacts WHERE id = ?",
                message.get("contact_id")));
    }

    @Test
    void shouldAnswerAMalformedFormWithAProblem() {
        given().contentType("application/x-www-form-urlencoded").body("%zz%%%=&&=")
                .post(WebhookUrls.WEBHOOK_PATH).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("malformed-form"));
    }

    @Test
    void shouldRefuseAValidlySignedRequestForAnotherAccount() {
        String phone = WhatsAppFixtures.randomPhone();
        Map<String, String> params = inbound(phone, "Bonjour");
        params.put("AccountSid", "AC" + "1".repeat(32));
        long before = settings().getLong("rejectedWebhooks");

        signedPost(null, params).statusCode(403).body("code", equalTo("twilio-account-mismatch"));

        assertEquals(0L, WhatsAppFixtures.count("SELECT count(*) FROM messages WHERE twilio_sid = ?", params.get("MessageSid")));
        assertEquals(before + 1, settings().getLong("rejectedWebhooks"));
        assertEquals("account", settings().getString("lastRejectedWebhookReason"));
    }

    @Test
    void forgedRequestsShouldBeCountedApartAndNotMoveTheLastWebhook() {
        signedPost(null, inbound(WhatsAppFixtures.randomPhone(), "Bonjour")).statusCode(200);
        long before = settings().getLong("rejectedWebhooks");

        Map<String, String> params = inbound(WhatsAppFixtures.randomPhone(), "Bonjour");
        post(null, params, TwilioSignature.compute("not-the-token", WebhookUrls.signedUrl(PUBLIC_BASE, null), params))
                .statusCode(403);
        post(null, params, null).statusCode(403);

        given().auth().oauth2(TestTokens.admin()).get("/api/whatsapp/settings").then().statusCode(200)
                .body("lastWebhookValid", equalTo(true)).body("lastWebhookKind", not(equalTo(null)))
                .body("rejectedWebhooks", equalTo((int) before + 2))
                .body("lastRejectedWebhookReason", equalTo("signature"));
        JsonPath monitoring = given().auth().oauth2(TestTokens.admin()).get("/api/monitoring").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(before + 2, monitoring.getLong("webhook.rejected"));
        assertNotNull(monitoring.getString("webhook.lastRejectedAt"));
        String metrics = given().auth().oauth2(TestTokens.admin()).get("/api/metrics").then().statusCode(200)
                .extract().asString();
        assertTrue(metrics.contains("relais_webhook_rejected_total{reason=\"signature\""), "forgeries counted");
    }

    private static JsonPath settings() {
        return given().auth().oauth2(TestTokens.admin()).get("/api/whatsapp/settings").then().statusCode(200)
                .extract().jsonPath();
    }
}
