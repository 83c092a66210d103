package app.relais.auth;

import static app.relais.auth.SessionFixtures.listContacts;
import static app.relais.auth.SessionFixtures.refresh;
import static app.relais.auth.SessionFixtures.signedIn;
import static app.relais.testsupport.Accounts.randomIp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.Db;
import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, "a browser session that is safe": the refresh cookie, the Origin check and the rotation grace. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CookieSessionTest {

    private static final String DASHBOARD = "http://localhost:3000";

    private static String setCookie(Response r) {
        String header = r.getHeader("Set-Cookie");
        assertTrue(header != null && header.startsWith("relais_refresh="), "Set-Cookie: " + header);
        return header;
    }

    private static String cookieValue(Response r) {
        String header = setCookie(r);
        return header.substring("relais_refresh=".length(), header.indexOf(';'));
    }

    private static Response signIn(String email, String transport, String forwardedProto) {
        RequestSpecification spec = given().contentType(ContentType.JSON).header("X-Forwarded-For", randomIp())
                .body(Map.of("email", email, "password", SessionFixtures.NEW_PASSWORD));
        if (transport != null) {
            spec.header("X-Refresh-Transport", transport);
        }
        if (forwardedProto != null) {
            spec.header("X-Forwarded-Proto", forwardedProto);
        }
        return spec.when().post("/api/auth/login").then().statusCode(200).extract().response();
    }

    private static RequestSpecification fromCookie(String cookie, String origin) {
        RequestSpecification spec = given().cookie("relais_refresh", cookie).header("X-Refresh-Transport", "cookie");
        return origin == null ? spec : spec.header("Origin", origin);
    }

    @Test
    void signInShouldSetTheRefreshCookieWithItsAttributes() {
        var user = signedIn("admin");
        Response r = signIn(user.email(), null, null);
        assertEquals("relais_refresh=" + r.path("refreshToken") + "; Max-Age=1209600; Path=/api/auth; HttpOnly; SameSite=Strict",
                setCookie(r));
        assertTrue(setCookie(signIn(user.email(), null, "https")).endsWith("; Secure"), "Secure behind an https proxy");
        Response browser = signIn(user.email(), "cookie", null);
        browser.then().body("refreshToken", nullValue()).body("accessToken", notNullValue());
        assertFalse(cookieValue(browser).isEmpty());
    }

    @Test
    void changePasswordShouldSetTheCookieToo() {
        var user = signedIn("admin");
        Response r = given().auth().oauth2(user.session().accessToken()).contentType(ContentType.JSON)
                .header("X-Refresh-Transport", "cookie")
                .body(Map.of("currentPassword", SessionFixtures.NEW_PASSWORD, "newPassword", "Cookie-change-2025"))
                .when().post("/api/auth/change-password").then().statusCode(200).body("refreshToken", nullValue())
                .extract().response();
        fromCookie(cookieValue(r), DASHBOARD).when().post("/api/auth/refresh").then().statusCode(200);
    }

    @Test
    void refreshShouldUseTheCookieWhenTheBodyHasNoToken() {
        var user = signedIn("admin");
        String cookie = cookieValue(signIn(user.email(), "cookie", null));
        Response noBody = fromCookie(cookie, DASHBOARD).when().post("/api/auth/refresh").then().statusCode(200)
                .body("refreshToken", nullValue()).extract().response();
        String next = cookieValue(noBody);
        assertNotEquals(cookie, next);
        listContacts(noBody.path("accessToken")).then().statusCode(200);
        String third = cookieValue(fromCookie(next, DASHBOARD).contentType(ContentType.JSON).body("{}")
                .when().post("/api/auth/refresh").then().statusCode(200).extract().response());
        fromCookie(third, DASHBOARD).contentType(ContentType.JSON).body("").when().post("/api/auth/refresh")
                .then().statusCode(200);
    }

    @Test
    void aCookieRefreshFromAForeignOriginShouldBeRefused() {
        var user = signedIn("admin");
        String cookie = cookieValue(signIn(user.email(), "cookie", null));
        fromCookie(cookie, "https://evil.example").when().post("/api/auth/refresh").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("origin_refused"));
        fromCookie(cookie, null).when().post("/api/auth/refresh").then().statusCode(403)
                .body("code", equalTo("origin_refused"));
        // The API's own origin is accepted (a dashboard served by the same host).
        String own = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        fromCookie(cookie, own).when().post("/api/auth/refresh").then().statusCode(200);
    }

    @Test
    void noCookieAndNoTokenShouldGet401() {
        given().header("Origin", DASHBOARD).when().post("/api/auth/refresh").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").when().post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void logoutShouldEndTheCookiesSessionAndClearIt() {
        var user = signedIn("admin");
        Response signedIn = signIn(user.email(), "cookie", null);
        String cookie = cookieValue(signedIn);
        Response out = given().cookie("relais_refresh", cookie).when().post("/api/auth/logout").then().statusCode(204)
                .extract().response();
        assertEquals("relais_refresh=; Max-Age=0; Path=/api/auth; HttpOnly; SameSite=Strict", setCookie(out));
        fromCookie(cookie, DASHBOARD).when().post("/api/auth/refresh").then().statusCode(401);
        listContacts(signedIn.path("accessToken")).then().statusCode(401).body("code", equalTo("session_ended"));
        // Signed out already, or never signed in: still 204, still cleared.
        setCookie(given().when().post("/api/auth/logout").then().statusCode(204).extract().response());
    }

    @Test
    void twoRefreshesOfOneTokenWithinTheGraceShouldBothGetTheSameSuccessor() {
        var user = signedIn("admin");
        String first = user.session().refreshToken();
        Response a = refresh(first).then().statusCode(200).extract().response();
        Response b = refresh(first).then().statusCode(200).extract().response();
        assertEquals(a.<String>path("refreshToken"), b.<String>path("refreshToken"));
        listContacts(a.path("accessToken")).then().statusCode(200);
        listContacts(b.path("accessToken")).then().statusCode(200);
        refresh(b.path("refreshToken")).then().statusCode(200);
    }

    @Test
    void reuseAfterTheGraceShouldRevokeTheFamily() {
        var user = signedIn("admin");
        String first = user.session().refreshToken();
        String second = refresh(first).then().statusCode(200).extract().path("refreshToken");
        Db.exec("UPDATE refresh_tokens SET used_at = now() - interval '31 seconds' WHERE token_hash = ?",
                TokenService.hash(first));
        refresh(first).then().statusCode(401).body("code", equalTo("refresh-token-reused"));
        refresh(second).then().statusCode(401);
    }
}
