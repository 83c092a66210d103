package app.relais.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 12, "live events without long-lived tokens in URLs": single-use, short-lived tickets. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class EventTicketTest {

    @TestHTTPResource("/api/events")
    URL events;

    private static String ticket(String token) {
        return given().auth().oauth2(token).when().post("/api/events/ticket").then().statusCode(201)
                .extract().path("ticket");
    }

    private URI withTicket(String ticket, String lastEventId) {
        return URI.create(events + "?ticket=" + ticket + (lastEventId == null ? "" : "&lastEventId=" + lastEventId));
    }

    @Test
    void aTicketShouldOpenTheStreamOnceOnly() throws Exception {
        var r = given().auth().oauth2(TestTokens.admin()).when().post("/api/events/ticket").then().statusCode(201)
                .extract().response();
        Instant expiresAt = Instant.parse(r.path("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now()) && expiresAt.isBefore(Instant.now().plusSeconds(61)), "expiresAt " + expiresAt);
        String ticket = r.path("ticket");
        try (var client = new LiveEventsTest.SseConnection(withTicket(ticket, null), null)) {
            assertEquals(200, client.status);
            assertTrue(client.headers.firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            client.awaitConnected();
        }
        given().accept("text/event-stream").queryParam("ticket", ticket).when().get("/api/events").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("event-ticket-invalid"));
    }

    @Test
    void aTicketShouldExpire() throws Exception {
        String ticket = ticket(TestTokens.superAdmin());
        Thread.sleep(2_500); // the test profile's TTL is 2 s
        given().accept("text/event-stream").queryParam("ticket", ticket).when().get("/api/events").then()
                .statusCode(401).body("code", equalTo("event-ticket-invalid"));
    }

    @Test
    void aTicketShouldNeedASignedInUserOfAnAllowedRole() {
        given().when().post("/api/events/ticket").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "viewer@test.local", "viewer", Duration.ofMinutes(5)))
                .when().post("/api/events/ticket").then().statusCode(403);
        given().accept("text/event-stream").queryParam("ticket", "not-a-ticket").when().get("/api/events").then()
                .statusCode(401).body("code", equalTo("event-ticket-invalid"));
    }

    @Test
    void aStreamOpenedWithATicketShouldResumeAfterTheLastEventId() throws Exception {
        String first = LiveEventsTest.publishFromInstanceA("message.inbound", "{\"n\":\"ticket-0\"}");
        String missed = LiveEventsTest.publishFromInstanceA("message.inbound", "{\"n\":\"ticket-1\"}");
        try (var client = new LiveEventsTest.SseConnection(withTicket(ticket(TestTokens.admin()), first), null)) {
            assertEquals(missed, client.next("message.inbound", "ticket-1")[0]);
        }
        String next = LiveEventsTest.publishFromInstanceA("message.inbound", "{\"n\":\"ticket-2\"}");
        try (var client = new LiveEventsTest.SseConnection(withTicket(ticket(TestTokens.admin()), null), missed)) {
            assertEquals(next, client.next("message.inbound", "ticket-2")[0]);
        }
    }

    @Test
    void aTicketOfASessionThatEndedShouldBeRefused() {
        UUID id = UUID.randomUUID();
        String token = TestTokens.token(id, "ticket-" + id + "@test.local", "admin", Duration.ofMinutes(5));
        String ticket = ticket(token);
        given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/users/" + id + "/deactivate").then().statusCode(200);
        given().accept("text/event-stream").queryParam("ticket", ticket).when().get("/api/events").then()
                .statusCode(401).body("code", equalTo("session_ended"));
    }

    @Test
    void anOpenStreamShouldCloseSoonAfterItsSessionEnds() throws Exception {
        UUID id = UUID.randomUUID();
        String token = TestTokens.token(id, "stream-" + id + "@test.local", "admin", Duration.ofMinutes(5));
        try (var client = new LiveEventsTest.SseConnection(withTicket(ticket(token), null), null)) {
            client.awaitConnected();
            given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/users/" + id + "/deactivate").then()
                    .statusCode(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!client.ended && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(client.ended, "the stream of a deactivated user is closed");
        }
    }
}
