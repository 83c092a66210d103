package app.relais.templates;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import app.relais.whatsapp.simulator.SimulatorTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A campaign made from a template shows the template's words, variables filled for the contact, in the
 * previews, the message log, the conversation and the simulator's phone; only an approved template is
 * accepted, at save and again at launch.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CampaignTemplateTest {

    static final String WELCOME = SimulatorTemplates.WELCOME.sid();
    static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void shouldRefuseUnknownAndUnapprovedTemplatesNamingTheField() {
        UUID cat = category();
        addToCategory(cat, contact("Awa"));
        for (var c : List.of(Map.entry("HX" + "0".repeat(32), "unknown_template"),
                Map.entry(SimulatorTemplates.APPOINTMENT.sid(), "template_not_approved"),
                Map.entry(SimulatorTemplates.FLASH.sid(), "template_not_approved"),
                Map.entry(SimulatorTemplates.LOYALTY.sid(), "template_not_approved"))) {
            admin().body(Map.of("name", "Modèle", "categoryIds", List.of(cat), "message1ContentSid", c.getKey()))
                    .post("/api/campaigns").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("message1ContentSid")).body("errors.code", hasItem(c.getValue()));
        }
        UUID draft = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        admin().body(Map.of("message1ContentSid", SimulatorTemplates.APPOINTMENT.sid())).patch("/api/campaigns/" + draft)
                .then().statusCode(400).body("errors.code", hasItem("template_not_approved"));
        admin().header("Accept-Language", "en").body(Map.of("message1ContentSid", "HX" + "0".repeat(32)))
                .post("/api/campaigns/preflight").then().statusCode(400).body("errors.code", hasItem("unknown_template"))
                .body("errors.message", hasItem("This template does not exist in the Twilio account."));
    }

    @Test
    void shouldPreviewTheTemplateTextWithTheContactsVariablesAndTheTemplatesDefaults() {
        UUID cat = category();
        UUID awa = contact("Awa", "{\"boutique\": \"la boulangerie Martin\"}");
        addToCategory(cat, awa);
        Map<String, Object> body = Map.of("categoryIds", List.of(cat), "message1ContentSid", WELCOME,
                "message1Variables", Map.of("1", "{{first_name}}"));

        admin().queryParam("contactId", awa).body(body).post("/api/campaigns/preview").then().statusCode(200)
                // {{2}} is not mapped: Twilio sends the template's default, "Relais".
                .body("message1Body", equalTo("Bonjour Awa, bienvenue chez Relais !"))
                .body("message1ContentSid", equalTo(WELCOME)).body("message1Variables.1", equalTo("Awa"));

        UUID saved = createCampaign(Map.of("categoryIds", List.of(cat), "message1ContentSid", WELCOME,
                "message1Variables", Map.of("1", "{{first_name}}", "2", "{{boutique}}")));
        given().auth().oauth2(TestTokens.admin()).queryParam("contactId", awa).get("/api/campaigns/" + saved + "/preview")
                .then().statusCode(200).body("message1Body", equalTo("Bonjour Awa, bienvenue chez la boulangerie Martin !"));
    }

    @Test
    void shouldKeepTheTemplateTextWithEachMessageForTheLogTheConversationAndTheSimulator() {
        UUID cat = category();
        UUID awa = contact("Awa", "{\"boutique\": \"la boulangerie Martin\"}");
        addToCategory(cat, awa);
        String phone = phoneOf(awa);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1ContentSid", WELCOME,
                "message1Variables", Map.of("1", "{{first_name}}", "2", "{{boutique}}")));
        String text = "Bonjour Awa, bienvenue chez la boulangerie Martin !";

        launch(campaign).then().statusCode(200);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND twilio_sid IS NOT NULL",
                campaign) == 1);
        assertEquals(text, queryOne("SELECT body FROM messages WHERE campaign_id = ?", campaign));
        String id = given().auth().oauth2(TestTokens.admin()).queryParam("campaignId", campaign).get("/api/messages")
                .then().statusCode(200).body("items[0].body", equalTo(text)).body("items[0].contentSid", equalTo(WELCOME))
                .extract().path("items[0].id");
        given().auth().oauth2(TestTokens.admin()).get("/api/messages/" + id).then().statusCode(200)
                .body("message.body", equalTo(text));
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + awa + "/messages").then().statusCode(200)
                .body("items.body", hasItem(text));
        given().auth().oauth2(TestTokens.admin()).get("/api/simulator/phones/{phone}/messages", phone).then().statusCode(200)
                .body("items[0].body", equalTo(text)).body("items[0].contentSid", equalTo(WELCOME));

        // The template changing later (here: the campaign's stored text) does not rewrite history.
        exec("UPDATE campaigns SET message1_template_text = 'autre texte' WHERE id = ?", campaign);
        given().auth().oauth2(TestTokens.admin()).get("/api/messages/" + id).then().body("message.body", equalTo(text));
    }

    @Test
    void shouldRefuseALaunchWhenTheTemplateIsNoLongerApproved() {
        UUID campaign = welcomeCampaignToAwa();
        // As if WhatsApp had paused the template since the campaign was saved: the launch asks Twilio again.
        exec("UPDATE campaigns SET message1_content_sid = ? WHERE id = ?", SimulatorTemplates.APPOINTMENT.sid(), campaign);

        launch(campaign).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("campaign-template-not-approved"));
        assertEquals("draft", status(campaign));
        assertEquals(0L, count("SELECT count(*) FROM messages WHERE campaign_id = ?", campaign));
    }

    @Test
    void shouldNotStartAScheduledCampaignWhoseTemplateIsNoLongerApproved() {
        UUID campaign = welcomeCampaignToAwa();
        // Scheduled with an approved template, which WhatsApp paused before its time came.
        exec("UPDATE campaigns SET status = 'scheduled', scheduled_at = now() - interval '1 second', message1_content_sid = ?"
                + " WHERE id = ?", SimulatorTemplates.APPOINTMENT.sid(), campaign);

        await().atMost(WAIT).until(() -> "draft".equals(status(campaign)));
        admin().get("/api/campaigns/" + campaign).then().statusCode(200).body("status", equalTo("draft"))
                .body("pauseReason", equalTo("template_not_approved"));
        assertEquals(0L, count("SELECT count(*) FROM messages WHERE campaign_id = ?", campaign));
    }

    @Test
    void shouldRefuseARetryOrARelaunchWhenTheTemplateIsNoLongerApproved() {
        UUID campaign = welcomeCampaignToAwa();
        launch(campaign).then().statusCode(200);
        exec("UPDATE campaigns SET message1_content_sid = ? WHERE id = ?", SimulatorTemplates.FLASH.sid(), campaign);

        for (String action : List.of("relaunch?includeDelivered=true", "retry-failed?includePermanent=true")) {
            admin().post("/api/campaigns/" + campaign + "/" + action).then().statusCode(409)
                    .contentType("application/problem+json").body("code", equalTo("campaign-template-not-approved"));
        }
        assertEquals(1, ((Number) queryOne("SELECT run_number FROM campaigns WHERE id = ?", campaign)).intValue());
    }

    /** A draft with the approved WELCOME template, to one contact. */
    private static UUID welcomeCampaignToAwa() {
        UUID cat = category();
        addToCategory(cat, contact("Awa"));
        return createCampaign(Map.of("categoryIds", List.of(cat), "message1ContentSid", WELCOME));
    }
}
