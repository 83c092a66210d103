package app.relais.auth;

import static app.relais.testsupport.Accounts.PASSWORD;
import static app.relais.testsupport.Accounts.createUser;
import static app.relais.testsupport.Accounts.login;
import static app.relais.testsupport.Accounts.randomIp;
import static app.relais.testsupport.Accounts.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class AuthTest {

    @Test
    void seededAdminShouldSignInAndSeeItself() {
        String token = login("admin@chatbot.local", "Admin2024!", randomIp()).then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(1800))
                .body("user.role", equalTo("admin"))
                .body("refreshToken", notNullValue())
                .extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/auth/me")
                .then().statusCode(200).body("email", equalTo("admin@chatbot.local"));
    }

    @Test
    void wrongPasswordAndUnknownEmailShouldGetTheSameAnswer() {
        String ip = randomIp();
        var wrong = login("admin@chatbot.local", "not-the-password1", ip).then().statusCode(401)
                .contentType("application/problem+json").extract().body().asString();
        var unknown = login(uniqueEmail("nobody"), "not-the-password1", ip).then().statusCode(401)
                .extract().body().asString();
        assertEquals(wrong.replaceAll("\"instance\":\"[^\"]*\"", ""), unknown.replaceAll("\"instance\":\"[^\"]*\"", ""));
    }

    @Test
    void tenFailuresShouldLockTheAccountEvenForTheRightPassword() {
        String email = uniqueEmail("lock");
        createUser(email, "admin");
        String ip = randomIp();
        for (int i = 0; i < 10; i++) {
            login(email, "wrong-password-1", ip).then().statusCode(401);
        }
        login(email, PASSWORD, ip).then().statusCode(429).body("code", equalTo("account-locked"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void unknownEmailsShouldLockAlikeSoNothingTellsThemApart() {
        String email = uniqueEmail("ghost");
        String ip = randomIp();
        for (int i = 0; i < 10; i++) {
            login(email, "wrong-password-1", ip).then().statusCode(401);
        }
        login(email, "wrong-password-1", ip).then().statusCode(429).body("code", equalTo("account-locked"));
    }

    @Test
    void inactiveUserShouldNotSignIn() {
        String email = uniqueEmail("inactive");
        String id = createUser(email, "admin");
        given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/users/" + id + "/deactivate")
                .then().statusCode(200).body("active", equalTo(false));
        login(email, PASSWORD, randomIp()).then().statusCode(401).body("code", equalTo("invalid-credentials"));
    }

    @Test
    void perIpLoginLimitShouldAnswer429() {
        String ip = randomIp();
        for (int i = 0; i < 30; i++) {
            login(uniqueEmail("spray"), "wrong-password-1", ip).then().statusCode(401);
        }
        login(uniqueEmail("spray"), "wrong-password-1", ip).then().statusCode(429)
                .body("code", equalTo("login-rate-limited")).header("Retry-After", notNullValue());
    }

    @Test
    void newUserMustChangePasswordBeforeAnythingElse() {
        String email = uniqueEmail("first");
        createUser(email, "super_admin");
        String ip = randomIp();
        String token = login(email, PASSWORD, ip).then().statusCode(200)
                .body("user.mustChangePassword", equalTo(true)).extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/users")
                .then().statusCode(403).body("code", equalTo("password-change-required"));
        given().auth().oauth2(token).when().get("/api/auth/me").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .when().post("/api/auth/change-password").then().statusCode(400)
                .body("errors[0].field", equalTo("newPassword"));
        String fresh = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "Nouveau-mot-2025"))
                .when().post("/api/auth/change-password").then().statusCode(200)
                .body("user.mustChangePassword", equalTo(false)).extract().path("accessToken");
        given().auth().oauth2(fresh).when().get("/api/users").then().statusCode(200);
        login(email, "Nouveau-mot-2025", ip).then().statusCode(200);
    }

    @Test
    void refreshShouldRotateAndAReusedTokenShouldRevokeTheSession() {
        String email = uniqueEmail("refresh");
        createUser(email, "admin");
        String first = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().path("refreshToken");
        String second = refresh(first).then().statusCode(200).body("accessToken", notNullValue())
                .extract().path("refreshToken");
        // Past the rotation grace (CookieSessionTest covers the grace itself).
        app.relais.testsupport.Db.exec("UPDATE refresh_tokens SET used_at = now() - interval '31 seconds'"
                + " WHERE token_hash = ?", TokenService.hash(first));
        refresh(first).then().statusCode(401).body("code", equalTo("refresh-token-reused"));
        refresh(second).then().statusCode(401);
    }

    @Test
    void logoutShouldRevokeTheRefreshToken() {
        String email = uniqueEmail("logout");
        createUser(email, "admin");
        String refresh = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().path("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh))
                .when().post("/api/auth/logout").then().statusCode(204);
        refresh(refresh).then().statusCode(401);
    }

    @Test
    void badTokensShouldGet401AndWrongRole403() {
        given().when().get("/api/users").then().statusCode(401).body("code", equalTo("unauthorized"));
        String expired = Jwt.issuer(TokenService.ISSUER).subject(UUID.randomUUID().toString()).groups(Set.of("super_admin"))
                .issuedAt(System.currentTimeMillis() / 1000 - 7200).expiresAt(System.currentTimeMillis() / 1000 - 3600).sign();
        given().auth().oauth2(expired).when().get("/api/users").then().statusCode(401);
        String valid = TestTokens.superAdmin();
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        given().auth().oauth2(tampered).when().get("/api/users").then().statusCode(401);
        String otherIssuer = Jwt.issuer("https://evil.example").subject(UUID.randomUUID().toString())
                .groups(Set.of("super_admin")).expiresIn(Duration.ofMinutes(5)).sign();
        given().auth().oauth2(otherIssuer).when().get("/api/users").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).when().get("/api/users").then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void malformedBodiesShouldGetProblemDetails() {
        given().contentType(ContentType.JSON).body("{\"email\": ").when().post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).body("{\"email\": [1], \"password\": \"x\"}").when().post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"email\": \"not-an-email\", \"password\": \"\"}")
                .when().post("/api/auth/login")
                .then().statusCode(400).body("code", equalTo("validation")).body("errors.size()", equalTo(2));
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail("enum"), "role", "owner", "password", PASSWORD))
                .when().post("/api/users").then().statusCode(400).body("errors[0].field", equalTo("role"));
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).when().post("/api/auth/refresh");
    }
}
