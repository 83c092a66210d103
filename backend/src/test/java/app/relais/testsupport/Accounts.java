package app.relais.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;

/** Real users created through the API, and sign-ins from an address of the test's own. */
public final class Accounts {

    public static final String PASSWORD = "Motdepasse-2025";

    private Accounts() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.local";
    }

    /** A random client address (tests run with X-Forwarded-For trusted) so per-IP limits stay per test. */
    public static String randomIp() {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public static String createUser(String email, String role) {
        return given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "fullName", "Test User", "role", role, "password", PASSWORD))
                .when().post("/api/users").then().statusCode(201).extract().path("id");
    }

    public static Response login(String email, String password, String ip) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of("email", email, "password", password)).when().post("/api/auth/login");
    }
}
