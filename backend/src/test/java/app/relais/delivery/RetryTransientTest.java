package app.relais.delivery;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery failure reported by a status callback (30003: phone off) carries no failure kind of the
 * engine's: "retry failed" still resends it by default, because the error catalog calls it temporary,
 * and leaves a permanent one (63024: not on WhatsApp) alone.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class RetryTransientTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void users() {
        ensureTestUsers();
    }

    @Test
    void shouldRetryACallbackReportedTemporaryFailureByDefault() {
        UUID ok = contact("Ok");
        UUID off = contact("Off");
        UUID absent = contact("Absent");
        behaviour(off, "unreachable");
        behaviour(absent, "not_on_whatsapp");
        UUID cat = category();
        addToCategory(cat, ok, off, absent);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        launch(campaign).then().statusCode(200);
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        assertEquals(30003, (int) queryOne("SELECT error_code FROM messages WHERE campaign_id = ? AND contact_id = ?",
                campaign, off));

        behaviour(off, "ok");
        action(campaign, "retry-failed").then().statusCode(200).body("runNumber", equalTo(2));
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        assertEquals(List.of(off), rows("SELECT contact_id FROM messages WHERE campaign_id = ? AND run_number = 2", campaign)
                .stream().map(r -> r.get("contact_id")).toList(), "only the temporary failure is sent again");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND contact_id = ?"
                + " AND run_number = 2 AND status IN ('delivered', 'read')", campaign, off) == 1);
    }

    private static void behaviour(UUID contact, String behaviour) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("behaviour", behaviour))
                .put("/api/simulator/phones/" + phoneOf(contact)).then().statusCode(200);
    }
}
