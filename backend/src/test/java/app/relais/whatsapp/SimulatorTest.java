package app.relais.whatsapp;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import app.relais.whatsapp.simulator.SimulatorTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway through the official SDK against the app's own simulator, and the simulator's signed
 * callbacks through the real webhook: the whole loop of simulator mode.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class SimulatorTest {

    @Inject
    WhatsAppGateway gateway;

    @Inject
    WhatsAppSetup setup;

    static final Duration WAIT = Duration.ofSeconds(30);

    static String statusOf(UUID id) {
        return WhatsAppFixtures.queryOne("SELECT status FROM messages WHERE id = ?", id);
    }

    @Test
    void shouldSendTextAndReceiveSentDeliveredReadThroughTheSignedWebhook() {
        String phone = WhatsAppFixtures.randomPhone();
        UUID contact = WhatsAppFixtures.contact(phone);
        UUID message = WhatsAppFixtures.testMessage(contact);

        SendOutcome outcome = gateway.send(new OutboundMessage(message, phone, "Bonjour depuis le simulateur", null, null));

        SendOutcome.Accepted accepted = assertInstanceOf(SendOutcome.Accepted.class, outcome);
        assertTrue(accepted.sid().matches("^SM[0-9a-f]{32}$"), accepted.sid());
        assertEquals("queued", accepted.status());
        await().atMost(WAIT).until(() -> "read".equals(statusOf(message)));
        assertEquals(accepted.sid(), WhatsAppFixtures.queryOne("SELECT twilio_sid FROM messages WHERE id = ?", message));
        assertEquals(List.of("delivered", "read", "sent"), WhatsAppFixtures.rows(
                "SELECT status FROM message_status_events WHERE twilio_sid = ? ORDER BY status", accepted.sid())
                .stream().map(r -> r.get("status")).toList());
        assertEquals("ok", WhatsAppFixtures.queryOne("SELECT whatsapp_status FROM contacts WHERE id = ?", contact));

        ProviderMessage fetched = gateway.fetch(accepted.sid()).orElseThrow();
        assertEquals("read", fetched.status());
        assertEquals("whatsapp:" + phone, fetched.to());
        assertEquals("whatsapp:+14155238886", fetched.from());
        assertTrue(gateway.fetch("SM" + "0".repeat(32)).isEmpty());
        List<ProviderMessage> found = gateway.search(phone, OffsetDateTime.now().minusMinutes(5));
        assertEquals(List.of(accepted.sid()), found.stream().map(ProviderMessage::sid).toList());
    }

    @Test
    void shouldSendTemplateWithContentVariablesAndShowItsText() {
        String phone = WhatsAppFixtures.randomPhone();
        String contentSid = SimulatorTemplates.WELCOME.sid();

        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), phone, null, contentSid,
                Map.of("1", "Alice", "2", "la boulangerie Martin")));

        assertInstanceOf(SendOutcome.Accepted.class, outcome);
        given().auth().oauth2(TestTokens.admin()).get("/api/simulator/phones/{phone}/messages", phone)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].contentSid", equalTo(contentSid))
                .body("items[0].contentVariables", equalTo("{\"1\": \"Alice\", \"2\": \"la boulangerie Martin\"}"))
                .body("items[0].body", equalTo("Bonjour Alice, bienvenue chez la boulangerie Martin !"));
    }

    @Test
    void shouldRefuseATemplateTheAccountDoesNotHoldLikeTwilio() {
        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), WhatsAppFixtures.randomPhone(), null,
                "HX" + "ab".repeat(16), Map.of("1", "Alice")));

        SendOutcome.Permanent refused = assertInstanceOf(SendOutcome.Permanent.class, outcome);
        assertEquals(21655, refused.twilioCode());
    }

    @Test
    void shouldFailLikeTwilioForEachSimulatedBehaviour() {
        record Case(String behaviour, String status, int code, String whatsappStatus) {
        }
        for (Case c : List.of(new Case("not_joined", "failed", 63007, "unknown"),
                new Case("not_on_whatsapp", "failed", 63024, "not_on_whatsapp"),
                new Case("unreachable", "undelivered", 30003, "unknown"))) {
            String phone = WhatsAppFixtures.randomPhone();
            UUID contact = WhatsAppFixtures.contact(phone);
            UUID message = WhatsAppFixtures.testMessage(contact);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("behaviour", c.behaviour()))
                    .put("/api/simulator/phones/{phone}", phone)
                    .then().statusCode(200).body("behaviour", equalTo(c.behaviour()));

            SendOutcome outcome = gateway.send(new OutboundMessage(message, phone, "Bonjour", null, null));

            assertInstanceOf(SendOutcome.Accepted.class, outcome);
            await().atMost(WAIT).until(() -> c.status().equals(statusOf(message)));
            assertEquals(c.code(), (Integer) WhatsAppFixtures.queryOne("SELECT error_code FROM messages WHERE id = ?", message),
                    c.behaviour());
            assertEquals(c.whatsappStatus(),
                    WhatsAppFixtures.queryOne("SELECT whatsapp_status FROM contacts WHERE id = ?", contact), c.behaviour());
        }
    }

    @Test
    void shouldAnswerTwilioErrorsForInvalidCreates() {
        SendOutcome invalidTo = gateway.send(new OutboundMessage(UUID.randomUUID(), "12", "x", null, null));
        assertEquals(21211, assertInstanceOf(SendOutcome.Permanent.class, invalidTo).twilioCode());

        SendOutcome tooLong = gateway.send(new OutboundMessage(UUID.randomUUID(), WhatsAppFixtures.randomPhone(),
                "x".repeat(1601), null, null));
        assertEquals(21617, assertInstanceOf(SendOutcome.Permanent.class, tooLong).twilioCode());

        TwilioGateway wrongToken = new TwilioGateway(new TwilioGateway.Settings(setup.accountSid(), "wrong-token",
                setup.apiBaseUrl(), "+14155238886", null, setup.publicBaseUrl(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 2));
        SendOutcome denied = wrongToken.send(new OutboundMessage(UUID.randomUUID(), WhatsAppFixtures.randomPhone(), "x",
                null, null));
        assertEquals(new SendOutcome.Permanent(20003, 401, "Authenticate"), denied);
    }

    @Test
    void shouldDeliverAMessageSentAsAContactThroughTheWebhook() {
        String phone = WhatsAppFixtures.randomPhone();

        String sid = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("from", phone, "body", "Bonjour, je suis intéressée", "profileName", "Chloé"))
                .post("/api/simulator/inbound")
                .then().statusCode(200)
                .body("webhookStatus", equalTo(200))
                .body("sid", matchesPattern("^SM[0-9a-f]{32}$"))
                .extract().path("sid");

        Map<String, Object> row = WhatsAppFixtures.row("SELECT m.kind, m.body, c.inbound_only, c.profile_name"
                + " FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.twilio_sid = ?", sid);
        assertEquals("reply", row.get("kind"));
        assertEquals("Bonjour, je suis intéressée", row.get("body"));
        assertEquals(true, row.get("inbound_only"));
        assertEquals("Chloé", row.get("profile_name"));
        given().auth().oauth2(TestTokens.admin()).get("/api/simulator/phones?size=200")
                .then().statusCode(200).body("items.phone", hasItem(phone));
    }

    @Test
    void shouldMakeAJoinedPhoneReachable() {
        String phone = WhatsAppFixtures.randomPhone();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("behaviour", "not_joined"))
                .put("/api/simulator/phones/{phone}", phone).then().statusCode(200);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("from", phone, "body", "join relais-demo"))
                .post("/api/simulator/inbound").then().statusCode(200).body("webhookStatus", equalTo(200));

        given().auth().oauth2(TestTokens.admin()).get("/api/simulator/phones/{phone}/messages", phone)
                .then().statusCode(200).body("items[0].direction", equalTo("inbound"));
        assertTrue(WhatsAppFixtures.<Object>queryOne("SELECT sandbox_joined_at FROM contacts WHERE phone_e164 = ?", phone) != null);
        assertEquals("ok", WhatsAppFixtures.queryOne("SELECT behaviour FROM simulator_phones WHERE phone_e164 = ?", phone));
    }

    @Test
    void shouldListMessagesLikeTwilioWithToAndDateSentFilters() {
        String phone = WhatsAppFixtures.randomPhone();
        assertInstanceOf(SendOutcome.Accepted.class,
                gateway.send(new OutboundMessage(UUID.randomUUID(), phone, "Bonjour", null, null)));
        String account = setup.accountSid();
        String path = "/simulator/2010-04-01/Accounts/" + account + "/Messages.json";
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        given().auth().preemptive().basic(account, "simulator-auth-token")
                .queryParam("To", "whatsapp:" + phone).queryParam("DateSent>", today + "T00:00:00Z")
                .get(path).then().statusCode(200)
                .body("messages.size()", equalTo(1))
                .body("messages[0].to", equalTo("whatsapp:" + phone))
                .body("messages[0].date_created", matchesPattern("^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$"));
        given().auth().preemptive().basic(account, "simulator-auth-token")
                .queryParam("To", "whatsapp:" + phone).queryParam("DateSent", "2020-01-01")
                .get(path).then().statusCode(200).body("messages.size()", equalTo(0));
        given().auth().preemptive().basic(account, "wrong")
                .get(path).then().statusCode(401).body("code", equalTo(20003));
    }

    @Test
    void shouldValidateSimulatorAdminRequests() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("behaviour", "asleep"))
                .put("/api/simulator/phones/+33612345678").then().statusCode(400)
                .body("code", equalTo("whatsapp-invalid-behaviour"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("from", "0612345678", "body", "x"))
                .post("/api/simulator/inbound").then().statusCode(400);
        given().get("/api/simulator/phones").then().statusCode(401);
    }
}
