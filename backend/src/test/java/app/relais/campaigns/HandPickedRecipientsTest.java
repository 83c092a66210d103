package app.relais.campaigns;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A campaign targets hand-picked contacts as well as categories: deduplicated, opted-out excluded, counted, launched. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class HandPickedRecipientsTest {

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    @Test
    void shouldLaunchToTheCategoriesAndThePickedContactsOnce() {
        UUID cat = category();
        UUID awa = contact("Awa");
        UUID optedOutMember = contact("Bella");
        UUID kofi = contact("Kofi");
        UUID optedOutPicked = contact("Dede");
        exec("UPDATE contacts SET opted_out = true, opted_out_at = now() WHERE id IN (?, ?)", optedOutMember, optedOutPicked);
        addToCategory(cat, awa, optedOutMember);
        Map<String, Object> body = Map.of("categoryIds", List.of(cat), "contactIds", List.of(awa, kofi, optedOutPicked),
                "message1Body", "Bonjour {{first_name}}", "message2Body", "Merci");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body).post("/api/campaigns/preflight")
                .then().statusCode(200).body("recipients", equalTo(2)).body("contactsInCategories", equalTo(4))
                .body("optedOutExcluded", equalTo(2));
        UUID campaign = createCampaign(body);
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + campaign).then().statusCode(200)
                .body("contactIds", containsInAnyOrder(awa.toString(), kofi.toString(), optedOutPicked.toString()));
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + campaign + "/preflight").then().statusCode(200)
                .body("recipients", equalTo(2));
        launch(campaign).then().statusCode(200).body("counters.recipients", equalTo(2));
        assertEquals(List.of(awa, kofi).stream().sorted().toList(), rows("SELECT contact_id FROM messages WHERE campaign_id = ?"
                + " AND kind = 'message_1' ORDER BY contact_id", campaign).stream().map(r -> (UUID) r.get("contact_id")).toList());
    }

    @Test
    void shouldTargetOnlyAPickedContact() {
        UUID test = contact("Test");
        UUID campaign = createCampaign(Map.of("contactIds", List.of(test), "message1Body", "Essai", "message2Body", "Merci"));
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + campaign + "/preflight").then().statusCode(200)
                .body("recipients", equalTo(1));
        launch(campaign).then().statusCode(200).body("counters.recipients", equalTo(1));
        assertEquals(1, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND contact_id = ?", campaign, test));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(UUID.randomUUID()), "message1Body", "x", "name", "x")).post("/api/campaigns")
                .then().statusCode(400).body("errors.code", hasItem("unknown_contact"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(), "message1Body", "x", "name", "x")).post("/api/campaigns")
                .then().statusCode(400).body("errors.field", hasItem("categoryIds"));
        UUID draft = createCampaign(Map.of("contactIds", List.of(test), "message1Body", "Essai"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("contactIds", List.of()))
                .patch("/api/campaigns/" + draft).then().statusCode(400).body("errors.field", hasItem("categoryIds"));
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + draft).then().body("contactIds", hasItem(test.toString()));
    }
}
