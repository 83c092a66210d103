package app.relais.auth;

import static app.relais.testsupport.Accounts.PASSWORD;
import static app.relais.testsupport.Accounts.createUser;
import static app.relais.testsupport.Accounts.login;
import static app.relais.testsupport.Accounts.randomIp;
import static app.relais.testsupport.Accounts.uniqueEmail;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/** Users signed in for real (password changed, so nothing else stands in the way) and their sessions. */
final class SessionFixtures {

    static final String NEW_PASSWORD = "Session-test-2025";

    record Session(String accessToken, String refreshToken) {
        static Session of(Response r) {
            return new Session(r.path("accessToken"), r.path("refreshToken"));
        }
    }

    record SignedIn(String id, String email, Session session) {
        Session another() {
            return Session.of(login(email, NEW_PASSWORD, randomIp()).then().statusCode(200).extract().response());
        }
    }

    private SessionFixtures() {
    }

    static SignedIn signedIn(String role) {
        String email = uniqueEmail("session");
        String id = createUser(email, role);
        String first = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().path("accessToken");
        Response changed = given().auth().oauth2(first).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .when().post("/api/auth/change-password").then().statusCode(200).extract().response();
        return new SignedIn(id, email, Session.of(changed));
    }

    static Response listContacts(String token) {
        return given().auth().oauth2(token).when().get("/api/contacts");
    }

    static Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).when().post("/api/auth/refresh");
    }
}
