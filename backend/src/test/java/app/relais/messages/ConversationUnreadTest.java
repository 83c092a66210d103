package app.relais.messages;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conversations inbox: search by name or number, unread replies until an admin opens the thread. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class ConversationUnreadTest {

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    private static io.restassured.response.ValidatableResponse inbox(String q) {
        return given().auth().oauth2(TestTokens.admin()).queryParam("q", q).get("/api/conversations").then().statusCode(200);
    }

    @Test
    void shouldCountUnreadRepliesUntilTheThreadIsOpenedOrMarkedRead() {
        String name = "Inbox" + UUID.randomUUID().toString().substring(0, 8);
        UUID contact = contact(name);
        String phone = phoneOf(contact);
        reply(phone, "Bonjour");
        reply(phone, "Vous êtes là ?");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM messages WHERE contact_id = ?"
                + " AND direction = 'inbound'", contact) == 2);

        inbox(name.toLowerCase()).body("total", equalTo(1)).body("items[0].contactId", equalTo(contact.toString()))
                .body("items[0].unreadCount", equalTo(2));
        // By number, as typed with spaces.
        String digits = phone.substring(3);
        inbox(digits.substring(0, 3) + " " + digits.substring(3)).body("items.find { it.contactId == '" + contact + "' }.unreadCount",
                equalTo(2));
        inbox("nobody-" + UUID.randomUUID()).body("total", equalTo(0));

        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + contact + "/messages").then().statusCode(200);
        inbox(name).body("items[0].unreadCount", equalTo(0));

        reply(phone, "Encore moi");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM messages WHERE contact_id = ?"
                + " AND direction = 'inbound'", contact) == 3);
        inbox(name).body("items[0].unreadCount", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).post("/api/conversations/" + contact + "/read").then().statusCode(204);
        inbox(name).body("items[0].unreadCount", equalTo(0));

        given().auth().oauth2(TestTokens.admin()).post("/api/conversations/" + UUID.randomUUID() + "/read").then()
                .statusCode(404).contentType("application/problem+json");
        given().post("/api/conversations/" + contact + "/read").then().statusCode(401);
    }
}
