package app.relais.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import app.relais.testsupport.Accounts;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs found to answer 500, 404 or an empty body when probing the API from outside (issue 11): each
 * is now a 4xx Problem that names what is wrong. The fuzz test (ApiFuzzTest) keeps the whole API so.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class HostileInputTest {

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.superAdmin()).header("X-Forwarded-For", Accounts.randomIp());
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(startsWith("application/problem+json")).body("status", equalTo(status));
    }

    // --- NUL characters in our own forms -------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/categories | {\"name\":\"nul\\u0000byte\"} | name",
            "/api/campaigns  | {\"name\":\"nul\\u0000byte\",\"message1Body\":\"Bonjour\"} | name",
            "/api/campaigns  | {\"name\":\"Campagne\",\"message1Body\":\"a\\u0000b\"} | message1Body",
            "/api/campaigns  | {\"name\":\"Campagne\",\"message1Body\":\"Bonjour\",\"message2Body\":\"\\u0000\"} | message2Body",
            "/api/contacts   | {\"phone\":\"+33612345678\",\"firstName\":\"nul\\u0000byte\"} | firstName",
            "/api/contacts   | {\"phone\":\"+33612345678\",\"notes\":\"nul\\u0000byte\"} | notes",
            "/api/contacts   | {\"phone\":\"+33612345678\",\"attributes\":{\"k\\u0000\":\"v\"}} | attributes",
            "/api/users      | {\"email\":\"nul@test.local\",\"fullName\":\"nul\\u0000byte\",\"role\":\"admin\",\"password\":\"Motdepasse-2025\"} | fullName" })
    void aNulCharacterInAFormShouldBeA400NamingTheField(String path, String body, String field) {
        problem(admin().contentType(ContentType.JSON).body(body).post(path).then(), 400)
                .body("errors[0].field", startsWith(field)).body("errors[0].code", equalTo("nul_character"));
    }

    @Test
    void aNulCharacterInAQueryShouldBeA400NamingTheParameter() {
        problem(admin().urlEncodingEnabled(false).get("/api/contacts?q=%00").then(), 400)
                .body("errors[0].field", equalTo("q")).body("errors[0].code", equalTo("nul_character"));
    }

    // --- duplicate keys, wrong types -----------------------------------------------------------------

    @Test
    void aDuplicateKeyShouldBeA400EvenUnauthenticated() {
        problem(given().contentType(ContentType.JSON).body("{\"refreshToken\":\"x\",\"refreshToken\":\"y\"}")
                .post("/api/auth/refresh").then(), 400)
                .body("errors[0].field", equalTo("refreshToken")).body("errors[0].code", equalTo("duplicate_key"));
        problem(admin().contentType(ContentType.JSON).body("{\"name\":\"a\",\"colour\":\"#10B981\",\"name\":\"b\"}")
                .post("/api/categories").then(), 400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void aNumberOrABooleanShouldNotBeTakenForText() {
        problem(admin().contentType(ContentType.JSON).body("{\"name\":123}").post("/api/categories").then(), 400)
                .body("errors[0].field", equalTo("name")).body("errors[0].code", equalTo("invalid_type"));
        problem(admin().contentType(ContentType.JSON).body("{\"phone\":true}").post("/api/contacts").then(), 400)
                .body("errors[0].field", equalTo("phone"));
    }

    // --- malformed multipart ---------------------------------------------------------------------------

    @Test
    void aMalformedMultipartBodyShouldBeA4xxProblem() {
        String part = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\nphone\n+33612345678\r\n";
        String[][] cases = {
                { "multipart/form-data; boundary=xyz", "garbage, not multipart" },
                { "multipart/form-data; boundary=other", part + "--xyz--\r\n" },
                { "multipart/form-data; boundary=xyz", part },
                { "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nphone\n+336" } };
        for (String path : new String[] { "/api/contacts/import", "/api/contacts/import/preview" }) {
            for (String[] c : cases) {
                int status = admin().contentType(c[0]).body(c[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .post(path).then().contentType(startsWith("application/problem+json")).extract().statusCode();
                org.junit.jupiter.api.Assertions.assertTrue(status >= 400 && status < 500, path + " " + c[0] + " -> " + status);
            }
        }
    }

    // --- query values ------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/contacts?size=abc | size",
            "/api/contacts?page=99999999999 | page",
            "/api/messages?since=yesterday | since",
            "/api/contacts?categoryId=not-a-uuid | categoryId",
            "/api/stats/daily?days=abc | days",
            "/api/contacts?hasReplied=maybe | hasReplied",
            "/api/contacts?optedOut=2 | optedOut",
            "/api/users?active=perhaps | active",
            "/api/audit-log?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z | to",
            "/api/messages?since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z | until" })
    void aBadQueryValueShouldBeA400NamingTheParameter(String url, String parameter) {
        problem(admin().urlEncodingEnabled(false).get(url).then(), 400)
                .body("errors.field", hasItem(parameter));
    }

    @Test
    void anOverLongQueryShouldBeAProblem() {
        problem(admin().queryParam("q", "x".repeat(5000)).get("/api/contacts").then(), 400)
                .body("errors[0].field", equalTo("q")).body("errors[0].code", equalTo("too_long"));
    }

    // --- hygiene -----------------------------------------------------------------------------------------

    @Test
    void authenticatedAnswersShouldNotBeStoredAndEchoedOriginsShouldVary() {
        admin().header("Origin", "http://localhost:3000").get("/api/contacts").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"))
                .header("Vary", containsString("Origin"));
    }

    @Test
    void jsonEndpointsShouldTakeJsonOnly() {
        String user = Accounts.createUser(Accounts.uniqueEmail("media"), "admin");
        problem(admin().contentType("text/plain").body("{\"password\":\"Motdepasse-2026\"}")
                .post("/api/users/" + user + "/reset-password").then(), 415);
        problem(given().contentType("text/plain").body("{\"refreshToken\":\"x\"}").post("/api/auth/logout").then(), 415);
        problem(admin().contentType("application/xml").body("<name/>").post("/api/categories").then(), 415);
    }

    @Test
    void bulkErrorsShouldNameTheField() {
        problem(admin().contentType(ContentType.JSON).body("{\"action\":\"explode\",\"ids\":[\"" + UUID.randomUUID() + "\"]}")
                .post("/api/contacts/bulk").then(), 400).body("errors[0].field", equalTo("action"));
        problem(admin().contentType(ContentType.JSON).body("{\"action\":\"add_to_category\",\"ids\":[\"" + UUID.randomUUID() + "\"]}")
                .post("/api/contacts/bulk").then(), 400).body("errors[0].field", equalTo("categoryId"));
        problem(admin().contentType(ContentType.JSON).body("{\"action\":\"delete\",\"ids\":[null]}")
                .post("/api/contacts/bulk").then(), 400).body("errors[0].field", equalTo("ids[0]"));
    }
}
