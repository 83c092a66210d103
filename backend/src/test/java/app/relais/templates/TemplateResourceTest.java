package app.relais.templates;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import app.relais.whatsapp.simulator.SimulatorTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** GET /api/templates through the Twilio SDK against the simulator's Content API (content.twilio.com rewritten). */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class TemplateResourceTest {

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }

    @Test
    void shouldListTheSimulatorTemplatesWithTextVariablesAndApproval() {
        admin().get("/api/templates").then().statusCode(200)
                .body("sid", hasSize(SimulatorTemplates.ALL.size()))
                .body("find { it.friendlyName == 'relais_bienvenue' }.sid", equalTo(SimulatorTemplates.WELCOME.sid()))
                .body("find { it.friendlyName == 'relais_bienvenue' }.language", equalTo("fr"))
                .body("find { it.friendlyName == 'relais_bienvenue' }.types", contains("twilio/text"))
                .body("find { it.friendlyName == 'relais_bienvenue' }.body", equalTo("Bonjour {{1}}, bienvenue chez {{2}} !"))
                .body("find { it.friendlyName == 'relais_bienvenue' }.variables.key", contains("1", "2"))
                .body("find { it.friendlyName == 'relais_bienvenue' }.variables.example", contains("Awa", "Relais"))
                .body("find { it.friendlyName == 'relais_bienvenue' }.approval.status", equalTo("approved"))
                .body("find { it.friendlyName == 'relais_bienvenue' }.approval.category", equalTo("MARKETING"))
                .body("find { it.friendlyName == 'relais_bienvenue' }.approval.rejectionReason", nullValue())
                .body("find { it.friendlyName == 'relais_bienvenue' }.dateUpdated", equalTo("2026-09-15T10:02:00Z"))
                // The quick reply's own text, not its twilio/text fallback.
                .body("find { it.friendlyName == 'relais_promo_soldes' }.types", contains("twilio/quick-reply", "twilio/text"))
                .body("find { it.friendlyName == 'relais_promo_soldes' }.body", containsString("Ça vous intéresse ?"))
                .body("find { it.friendlyName == 'relais_rappel_rdv' }.approval.status", equalTo("pending"))
                .body("find { it.friendlyName == 'relais_offre_flash' }.approval.status", equalTo("rejected"))
                .body("find { it.friendlyName == 'relais_offre_flash' }.approval.rejectionReason", containsString("Commerce Policy"))
                .body("find { it.friendlyName == 'relais_carte_fidelite' }.approval.status", equalTo("unsubmitted"))
                .body("find { it.friendlyName == 'relais_carte_fidelite' }.approval.category", nullValue())
                .body("find { it.friendlyName == 'relais_carte_fidelite' }.body",
                        equalTo("{{1}}, votre carte fidélité\nVous avez {{2}} points : {{3}} € offerts dès 500 points."));
    }

    @Test
    void shouldFilterByApprovalAndName() {
        admin().queryParam("approved", true).get("/api/templates").then().statusCode(200)
                .body("approval.status", everyItem(equalTo("approved")))
                .body("friendlyName", hasItem("relais_commande_prete"))
                .body("sid", hasSize(3));
        admin().queryParam("q", "COMMANDE").get("/api/templates").then().statusCode(200)
                .body("friendlyName", contains("relais_commande_prete"));
        admin().queryParam("q", "flash").queryParam("approved", true).get("/api/templates").then().statusCode(200)
                .body("sid", hasSize(0));
        admin().queryParam("refresh", true).get("/api/templates").then().statusCode(200)
                .body("sid", hasSize(SimulatorTemplates.ALL.size()));
    }

    @Test
    void shouldFetchOneTemplateWithItsApproval() {
        admin().get("/api/templates/{sid}", SimulatorTemplates.FLASH.sid()).then().statusCode(200)
                .body("friendlyName", equalTo("relais_offre_flash"))
                .body("approval.status", equalTo("rejected"))
                .body("variables.key", contains("1", "2", "3"));
        admin().queryParam("refresh", true).get("/api/templates/{sid}", SimulatorTemplates.LOYALTY.sid()).then().statusCode(200)
                .body("approval.status", equalTo("unsubmitted")).body("types", contains("twilio/card"));
    }

    @Test
    void shouldAnswerProblemsForUnknownOrMalformedSidsAndWithoutToken() {
        admin().get("/api/templates/{sid}", "HX" + "0".repeat(32)).then().statusCode(404)
                .body("code", equalTo("not-found"));
        admin().header("Accept-Language", "en").get("/api/templates/{sid}", "HXnothex").then().statusCode(400)
                .body("errors.field", hasItem("sid"));
        admin().queryParam("approved", "maybe").get("/api/templates").then().statusCode(400);
        given().get("/api/templates").then().statusCode(401);
    }

    @Test
    void shouldServeTheContentApiOnlyWithTheSimulatorsCredentialsLikeTwilio() {
        given().get("/simulator/v1/ContentAndApprovals").then().statusCode(401).body("code", equalTo(20003));
        given().auth().preemptive().basic("AC00000000000000000000000000000000", "wrong")
                .get("/simulator/v1/Content/{sid}", SimulatorTemplates.WELCOME.sid()).then().statusCode(401);
        given().auth().preemptive().basic("AC00000000000000000000000000000000", "simulator-auth-token")
                .get("/simulator/v1/Content/{sid}/ApprovalRequests", SimulatorTemplates.FLASH.sid()).then().statusCode(200)
                .body("whatsapp.status", equalTo("rejected")).body("whatsapp.category", equalTo("MARKETING"));
        given().auth().preemptive().basic("AC00000000000000000000000000000000", "simulator-auth-token")
                .get("/simulator/v1/Content/{sid}", "HX" + "0".repeat(32)).then().statusCode(404).body("code", equalTo(20404));
    }
}
