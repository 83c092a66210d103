package app.relais.settings;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The limits in force come from the configuration; every cost figure uses the one price. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class LimitsTest {

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    @Test
    void shouldShowTheLimitsInForce() {
        given().auth().oauth2(TestTokens.admin()).get("/api/settings/limits").then().statusCode(200)
                .body("providerMode", equalTo("simulator")).body("sandboxMode", equalTo(false))
                // %test.relais.delivery.messages-per-second=200, daily-message-limit=1000000
                .body("pacing.messagesPerSecond", equalTo(200.0f)).body("pacing.configured", equalTo(true))
                .body("pacing.failureRateThreshold", equalTo(0.2f)).body("pacing.failureRateWindow", equalTo(50))
                .body("sandboxPreset.minDelayMs", equalTo(3000))
                .body("dailyMessageLimit", equalTo(1_000_000)).body("timeZone", equalTo("Europe/Paris"))
                .body("pricePerMessage", equalTo(0.09f)).body("currency", equalTo("USD"))
                .body("replyWindowHours", equalTo(24)).body("retryBackoffSeconds", contains(1, 1, 1));
        given().get("/api/settings/limits").then().statusCode(401);
    }

    @Test
    void shouldPriceThePreflightAndTheDashboardAlike() {
        UUID cat = category();
        addToCategory(cat, contact("Awa"), contact("Kofi"));
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        given().auth().oauth2(TestTokens.admin()).get("/api/campaigns/" + campaign + "/preflight").then().statusCode(200)
                .body("recipients", equalTo(2)).body("pricePerMessage", equalTo(0.09f))
                .body("estimatedCost", equalTo(0.18f)).body("currency", equalTo("USD"));
        given().auth().oauth2(TestTokens.admin()).get("/api/stats/overview").then().statusCode(200)
                .body("estimatedCost.pricePerMessage", equalTo(0.09f)).body("estimatedCost.currency", equalTo("USD"));
    }
}
