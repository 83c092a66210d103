package app.relais.campaigns;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The campaigns API: validation naming the field, status rules, preview and preflight, roles. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CampaignResourceTest {

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    static io.restassured.response.Response post(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body).post("/api/campaigns");
    }

    @Test
    void shouldCreateReadListAndDeleteADraft() {
        UUID cat = category();
        String name = "Rentrée " + UUID.randomUUID();
        String location = post(Map.of("name", name, "categoryIds", List.of(cat), "message1Body", "Bonjour {{first_name}}"))
                .then().statusCode(201).header("Location", notNullValue()).body("status", equalTo("draft"))
                .body("counters.recipients", equalTo(0)).extract().header("Location");
        given().auth().oauth2(TestTokens.superAdmin()).get(location).then().statusCode(200).body("name", equalTo(name))
                .body("categoryIds", hasItem(cat.toString()));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", name.substring(8)).queryParam("status", "draft")
                .get("/api/campaigns").then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo(name));
        given().auth().oauth2(TestTokens.admin()).queryParam("status", "nope").get("/api/campaigns").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).delete(location).then().statusCode(204);
        given().auth().oauth2(TestTokens.admin()).get(location).then().statusCode(404);
    }

    @Test
    void shouldRefuseBadInputNamingTheField() {
        UUID cat = category();
        post(Map.of("name", "x", "categoryIds", List.of(UUID.randomUUID()), "message1Body", "Bonjour")).then().statusCode(400)
                .body("errors.field", hasItem("categoryIds")).body("errors.code", hasItem("unknown_category"));
        post(Map.of("name", "x", "categoryIds", List.of(cat), "message1ContentSid", "HXnothex")).then().statusCode(400)
                .body("errors.field", hasItem("message1ContentSid"));
        post(Map.of("name", "x", "categoryIds", List.of(cat), "message1Body", "Bonjour",
                "scheduledAt", OffsetDateTime.now().minusHours(1).toString())).then().statusCode(400)
                .body("errors.field", hasItem("scheduledAt"));
        post(Map.of("name", "x", "categoryIds", List.of(cat))).then().statusCode(400).body("errors.field", hasItem("message1Body"));
        post(Map.of("name", "x", "categoryIds", List.of(cat), "message1Body", "Bonjour {{ville_natale}}")).then().statusCode(400)
                .body("errors.code", hasItem("unknown_variable"));
        post(Map.of("name", "x", "categoryIds", List.of(cat), "message1Body", "Bonjour", "batchSize", 0)).then().statusCode(400)
                .body("errors.field", hasItem("batchSize"));
        post(Map.of("name", "x", "categoryIds", List.of(cat), "message1ContentSid", app.relais.whatsapp.simulator.SimulatorTemplates.WELCOME.sid(),
                "message1Variables", Map.of("1", "{{first_name}}"))).then().statusCode(201);
    }

    @Test
    void shouldRefuseALaunchWithoutRecipientsAndEditsAfterLaunch() {
        UUID empty = category();
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(empty), "message1Body", "Bonjour"));
        launch(campaign).then().statusCode(409).body("code", equalTo("campaign-no-recipients"));
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + campaign).then().body("status", equalTo("draft"));

        UUID cat = category();
        UUID optedOut = contact("Zoé");
        exec("UPDATE contacts SET opted_out = true, opted_out_at = now() WHERE id = ?", optedOut);
        addToCategory(cat, optedOut);
        UUID onlyOptedOut = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        launch(onlyOptedOut).then().statusCode(409).body("code", equalTo("campaign-no-recipients"));

        addToCategory(cat, contact("Yann"));
        // A Message 2 keeps the campaign sending for the reply window: without one it completes as soon as its
        // one message is delivered, before the checks below.
        UUID minDelay = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour", "message2Body", "Merci",
                "minDelayMs", 60_000));
        // The opted-out contact is excluded: one recipient, queued, as the launch answer says.
        launch(minDelay).then().statusCode(200).body("status", equalTo("sending"))
                .body("counters.recipients", equalTo(1)).body("counters.queued", equalTo(1))
                .body("counters.sent", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("name", "Autre"))
                .patch("/api/campaigns/" + minDelay).then().statusCode(409).body("code", equalTo("campaign-not-editable"));
        given().auth().oauth2(TestTokens.admin()).delete("/api/campaigns/" + minDelay).then().statusCode(409)
                .body("code", equalTo("campaign-active"))
                .body("detail", equalTo("La campagne est « en cours d'envoi » : arrêtez-la avant de la supprimer."));
        given().auth().oauth2(TestTokens.admin()).header("Accept-Language", "en").delete("/api/campaigns/" + minDelay)
                .then().statusCode(409).body("detail", equalTo("The campaign is \"sending\": stop it before deleting it."));
        action(minDelay, "stop").then().statusCode(200);
        // 204 when the stop came before the first send, 200 (archived) after it: CampaignArchiveTest tells them apart.
        given().auth().oauth2(TestTokens.admin()).delete("/api/campaigns/" + minDelay).then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 204));
    }

    @Test
    void shouldEditADraftAndScheduleIt() {
        UUID cat = category();
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("message2Body", "Merci", "scheduledAt", OffsetDateTime.now().plusDays(2).toString()))
                .patch("/api/campaigns/" + campaign).then().statusCode(200).body("status", equalTo("scheduled"))
                .body("message2Body", equalTo("Merci")).body("message1Body", equalTo("Bonjour"));
        // Absent scheduledAt: unchanged. Explicit null: unscheduled, back to draft.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"name\": \"Toujours programmée\"}")
                .patch("/api/campaigns/" + campaign).then().statusCode(200).body("status", equalTo("scheduled"))
                .body("scheduledAt", notNullValue());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"scheduledAt\": null}")
                .patch("/api/campaigns/" + campaign).then().statusCode(200).body("status", equalTo("draft"))
                .body("scheduledAt", org.hamcrest.Matchers.nullValue()).body("name", equalTo("Toujours programmée"));
        assertEquals("draft", status(campaign));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"scheduledAt\": 12}")
                .patch("/api/campaigns/" + campaign).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"scheduledAt\": ")
                .patch("/api/campaigns/" + campaign).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldPreviewAndPreflight() {
        UUID cat1 = category();
        UUID cat2 = category();
        UUID awa = contact("Awa", "{\"ville\": \"Cotonou\"}");
        UUID blank = contact("");
        UUID optedOut = contact("Opt");
        exec("UPDATE contacts SET opted_out = true, opted_out_at = now() WHERE id = ?", optedOut);
        addToCategory(cat1, awa, blank, optedOut);
        addToCategory(cat2, awa);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat1, cat2),
                "message1Body", "Bonjour {{first_name}} de {{ville}}", "message2Body", "Merci {{first_name}}"));
        given().auth().oauth2(TestTokens.admin()).queryParam("contactId", awa).get("/api/campaigns/" + campaign + "/preview")
                .then().statusCode(200).body("message1Body", equalTo("Bonjour Awa de Cotonou"))
                .body("message2Body", equalTo("Merci Awa"));
        given().auth().oauth2(TestTokens.admin()).queryParam("contactId", blank).get("/api/campaigns/" + campaign + "/preview")
                .then().statusCode(200).body("blankVariables", hasItem("ville"));
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + campaign + "/preflight").then().statusCode(200)
                .body("recipients", equalTo(2)).body("optedOutExcluded", equalTo(1)).body("contactsInCategories", equalTo(3))
                .body("blankVariables.ville", equalTo(1)).body("blankVariables.first_name", equalTo(1))
                .body("quota.level", notNullValue()).body("daysNeeded", equalTo(1)).body("currency", notNullValue());
    }

    @Test
    void shouldRequireAnAdminToken() {
        given().get("/api/campaigns").then().statusCode(401);
        given().post("/api/campaigns/" + UUID.randomUUID() + "/launch").then().statusCode(401);
        given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "x@test.local", "viewer", java.time.Duration.ofMinutes(5)))
                .get("/api/campaigns").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post("/api/campaigns/" + UUID.randomUUID() + "/launch").then().statusCode(404);
    }
}
