package app.relais.whatsapp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class WhatsAppSettingsTest {

    @Test
    void shouldDescribeTheSimulatorConnection() {
        TwilioWebhookTest.signedPost(null, TwilioWebhookTest.status(WhatsAppFixtures.randomSid(), "sent", null))
                .statusCode(200);

        given().auth().oauth2(TestTokens.admin()).get("/api/whatsapp/settings")
                .then().statusCode(200)
                .body("provider", equalTo("simulator"))
                .body("sender", equalTo("whatsapp:+14155238886"))
                .body("webhookUrl", equalTo("https://relais.example.test/api/webhooks/twilio"))
                .body("signatureCheck", equalTo(true))
                .body("lastWebhookAt", notNullValue())
                .body("lastWebhookValid", equalTo(true))
                .body("sandbox.instructionsFr", matchesPattern(".*join relais-demo.*\\+14155238886.*"));
    }

    @Test
    void shouldSendATestMessageAsSuperAdminOnly() {
        String phone = WhatsAppFixtures.randomPhone();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("to", phone, "body", "Test")).post("/api/whatsapp/test-message")
                .then().statusCode(403);

        String id = given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("to", phone, "body", "Test Relais")).post("/api/whatsapp/test-message")
                .then().statusCode(200)
                .body("outcome", equalTo("accepted"))
                .body("sid", matchesPattern("^SM[0-9a-f]{32}$"))
                .extract().path("messageId");

        Map<String, Object> row = WhatsAppFixtures.row("SELECT m.kind, m.twilio_sid, c.phone_e164 FROM messages m"
                + " JOIN contacts c ON c.id = m.contact_id WHERE m.id = ?", UUID.fromString(id));
        assertEquals("test", row.get("kind"));
        assertEquals(phone, row.get("phone_e164"));
    }

    @Test
    void shouldAcceptTheLongestTextAndRefuseANonE164Number() {
        String phone = WhatsAppFixtures.randomPhone();
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("to", phone, "body", "x".repeat(1600) + "")).post("/api/whatsapp/test-message")
                .then().statusCode(200).body("outcome", equalTo("accepted"));
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("to", "0612345678", "body", "Test")).post("/api/whatsapp/test-message")
                .then().statusCode(400);
    }

    @Test
    void shouldListErrorCodesWithFrenchAndEnglishFixes() {
        given().auth().oauth2(TestTokens.admin()).get("/api/whatsapp/error-codes")
                .then().statusCode(200)
                .body("code", hasItems(63007, 63016, 63024, 21211, 20429, 30003));
        given().auth().oauth2(TestTokens.admin()).get("/api/whatsapp/error-codes/63016")
                .then().statusCode(200)
                .body("titleFr", equalTo("Hors fenêtre de 24 h"))
                .body("retry", equalTo("NO"));
        given().auth().oauth2(TestTokens.admin()).get("/api/whatsapp/error-codes/12345").then().statusCode(404);
    }
}
