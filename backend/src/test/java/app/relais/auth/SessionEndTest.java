package app.relais.auth;

import static app.relais.auth.SessionFixtures.listContacts;
import static app.relais.auth.SessionFixtures.refresh;
import static app.relais.auth.SessionFixtures.signedIn;
import static app.relais.testsupport.Accounts.login;
import static app.relais.testsupport.Accounts.randomIp;
import static app.relais.testsupport.Accounts.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.Db;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 11, items 1 and 2: what ends a session ends its access tokens too, not only its refresh tokens. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class SessionEndTest {

    private static void assertEnded(String token) {
        listContacts(token).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("session_ended"));
    }

    @Test
    void aDeactivatedUserShouldLoseEveryEndpointAtOnce() {
        var user = signedIn("admin");
        String token = user.session().accessToken();
        listContacts(token).then().statusCode(200);
        given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/users/" + user.id() + "/deactivate")
                .then().statusCode(200);
        assertEnded(token);
        for (String path : new String[] { "/api/messages", "/api/campaigns", "/api/auth/me" }) {
            given().auth().oauth2(token).when().get(path).then().statusCode(401).body("code", equalTo("session_ended"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "after-" + UUID.randomUUID()))
                .when().post("/api/categories").then().statusCode(401).body("code", equalTo("session_ended"));
        // Reactivated, the old tokens stay ended: the user signs in again.
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(Map.of("active", true))
                .when().patch("/api/users/" + user.id()).then().statusCode(200);
        assertEnded(token);
    }

    @Test
    void aPasswordChangeShouldEndTheOtherSessionsAndKeepTheNewTokens() {
        var user = signedIn("admin");
        var other = user.another();
        listContacts(other.accessToken()).then().statusCode(200);
        String fresh = given().auth().oauth2(user.session().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", SessionFixtures.NEW_PASSWORD, "newPassword", "Encore-un-autre-2025"))
                .when().post("/api/auth/change-password").then().statusCode(200).extract().path("accessToken");
        assertEnded(user.session().accessToken());
        assertEnded(other.accessToken());
        listContacts(fresh).then().statusCode(200);
    }

    @Test
    void anAdminsPasswordResetShouldEndTheUsersSessions() {
        var user = signedIn("admin");
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("password", "Temporaire-2025x")).when().post("/api/users/" + user.id() + "/reset-password")
                .then().statusCode(204);
        assertEnded(user.session().accessToken());
    }

    @Test
    void aLogoutShouldEndThatSessionOnly() {
        var user = signedIn("admin");
        var other = user.another();
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", user.session().refreshToken()))
                .when().post("/api/auth/logout").then().statusCode(204);
        assertEnded(user.session().accessToken());
        listContacts(other.accessToken()).then().statusCode(200);
    }

    @Test
    void aDetectedReuseShouldEndTheAccessTokensOfThatSession() {
        var user = signedIn("admin");
        String first = user.session().refreshToken();
        String access = refresh(first).then().statusCode(200).extract().path("accessToken");
        listContacts(access).then().statusCode(200);
        Db.exec("UPDATE refresh_tokens SET used_at = now() - interval '31 seconds' WHERE token_hash = ?",
                TokenService.hash(first));
        refresh(first).then().statusCode(401).body("code", equalTo("refresh-token-reused"));
        assertEnded(access);
        assertEnded(user.session().accessToken());
    }

    @Test
    void aRoleChangeShouldTakeEffectOnTheNextRequest() {
        var user = signedIn("super_admin");
        String token = user.session().accessToken();
        given().auth().oauth2(token).when().get("/api/users").then().statusCode(200);
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().patch("/api/users/" + user.id()).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/users").then().statusCode(403);
        listContacts(token).then().statusCode(200);
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(Map.of("role", "super_admin"))
                .when().patch("/api/users/" + user.id()).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/users").then().statusCode(200);
    }

    @Test
    void aDeletedUsersTokenShouldBeRefused() {
        var user = signedIn("admin");
        given().auth().oauth2(TestTokens.superAdmin()).when().delete("/api/users/" + user.id()).then().statusCode(204);
        assertEnded(user.session().accessToken());
    }

    @Test
    void signInsFailuresLockoutsAndLogoutsShouldBeAudited() {
        var user = signedIn("admin");
        String ip = randomIp();
        for (int i = 0; i < 10; i++) {
            login(user.email(), "wrong-password-1", ip).then().statusCode(401);
        }
        login(user.email(), SessionFixtures.NEW_PASSWORD, ip).then().statusCode(429);
        String ghost = uniqueEmail("ghost");
        login(ghost, "wrong-password-1", ip).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", user.session().refreshToken()))
                .when().post("/api/auth/logout").then().statusCode(204);

        String byTarget = "SELECT count(*) FROM audit_log WHERE action = ? AND target_id = ?";
        assertEquals(1, Db.count(byTarget, "auth.login", user.id()), "sign-ins");
        assertEquals(10, Db.count(byTarget + " AND details->>'reason' = 'invalid_credentials'", "auth.login_failed",
                user.id()), "failed sign-ins");
        assertEquals(1, Db.count(byTarget + " AND details->>'reason' = 'locked'", "auth.login_failed", user.id()),
                "sign-ins refused while locked");
        assertEquals(1, Db.count(byTarget, "user.locked", user.id()), "lockouts");
        assertEquals(1, Db.count(byTarget, "auth.logout", user.id()), "sign-outs");
        assertEquals(1, Db.count("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed' AND actor_email = ?"
                + " AND target_id IS NULL", ghost), "a failed sign-in with an unknown email");
        assertEquals(user.email(), Db.queryOne("SELECT actor_email FROM audit_log WHERE action = 'auth.logout'"
                + " AND target_id = ?", user.id()));
    }
}
