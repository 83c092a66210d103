package app.relais.campaigns;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wizard checks a campaign body before saving it: preflight, preview and the variables it may use. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CampaignDraftCheckTest {

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void shouldPreflightABodyAsTheSavedCampaign() {
        UUID cat1 = category();
        UUID cat2 = category();
        UUID awa = contact("Awa", "{\"ville\": \"Cotonou\"}");
        UUID blank = contact("");
        UUID optedOut = contact("Opt");
        exec("UPDATE contacts SET opted_out = true, opted_out_at = now() WHERE id = ?", optedOut);
        addToCategory(cat1, awa, blank, optedOut);
        addToCategory(cat2, awa);
        Map<String, Object> body = Map.of("name", "Brouillon", "categoryIds", List.of(cat1, cat2),
                "message1Body", "Bonjour {{first_name}} de {{ville}}", "minDelayMs", 2000, "message2Body", "Merci");

        JsonPath draft = admin().body(body).post("/api/campaigns/preflight").then().statusCode(200)
                .body("recipients", equalTo(2)).body("contactsInCategories", equalTo(3)).body("optedOutExcluded", equalTo(1))
                .body("blankVariables.first_name", equalTo(1)).body("blankVariables.ville", equalTo(1))
                .body("messagesPerSecond", equalTo(0.5f)).body("etaSeconds", equalTo(4)).body("daysNeeded", equalTo(1))
                .body("warnings", hasItem("blank-variables")).extract().jsonPath();
        UUID saved = createCampaign(body);
        JsonPath stored = given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + saved + "/preflight").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> a = draft.getMap("");
        Map<String, Object> b = stored.getMap("");
        a.remove("quota");
        b.remove("quota");
        assertEquals(b, a);

        admin().body(Map.of("categoryIds", List.of(UUID.randomUUID()), "message1Body", "x")).post("/api/campaigns/preflight")
                .then().statusCode(400).contentType("application/problem+json").body("errors.code", hasItem("unknown_category"));
        admin().body(Map.of("message1Body", "Bonjour")).post("/api/campaigns/preflight").then().statusCode(200)
                .body("recipients", equalTo(0)).body("warnings", hasItem("no-recipients"));
        assertEquals(0, count("SELECT count(*) FROM campaigns WHERE name = 'Brouillon' AND id <> ?", saved));
    }

    @Test
    void shouldPreviewABodyForAChosenContact() {
        UUID awa = contact("Awa", "{\"ville\": \"Cotonou\"}");
        admin().queryParam("contactId", awa).body(Map.of("message1Body", "Bonjour {{first_name}} de {{ville}} {{code}}",
                "message2Body", "Merci {{first_name}}")).post("/api/campaigns/preview").then().statusCode(200)
                .body("message1Body", equalTo("Bonjour Awa de Cotonou ")).body("message2Body", equalTo("Merci Awa"))
                .body("blankVariables", contains("code"));
        admin().body(Map.of("message1Body", "Bonjour")).post("/api/campaigns/preview").then().statusCode(400)
                .body("errors.field", hasItem("contactId"));
        admin().queryParam("contactId", UUID.randomUUID()).body(Map.of("message1Body", "Bonjour"))
                .post("/api/campaigns/preview").then().statusCode(404);
        admin().queryParam("contactId", awa).body(Map.of("message1Body", "x".repeat(1601)))
                .post("/api/campaigns/preview").then().statusCode(400).body("errors.field", hasItem("message1Body"));
    }

    @Test
    void shouldListTheVariablesAMessageCanUse() {
        String key = "attr_" + UUID.randomUUID().toString().substring(0, 8);
        contact("Awa", "{\"" + key + "\": \"oui\"}");
        contact("Kofi", "{\"" + key + "\": \"non\"}");
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/variables").then().statusCode(200)
                .body("builtIn", contains("first_name", "last_name", "phone"))
                .body("attributes.find { it.name == '" + key + "' }.contacts", equalTo(2));
        given().get("/api/campaigns/variables").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/campaigns/preflight").then().statusCode(401);
    }
}
