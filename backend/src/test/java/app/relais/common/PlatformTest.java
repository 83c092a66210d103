package app.relais.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class PlatformTest {

    @Test
    void shouldReportHealthUpWithDatabaseAndRedis() {
        given().when().get("/api/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems(
                        containsString("Database"), containsString("Redis")));
    }

    @Test
    void shouldAnswerUnknownRouteWithFrenchProblemDetails() {
        given().when().get("/api/does-not-exist")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("code", equalTo("route-not-found"))
                .body("title", equalTo("Introuvable"))
                .body("type", equalTo("https://relais.app/problems/route-not-found"));
    }

    @Test
    void shouldRefuseAnOversizedBodyWithProblemDetails() {
        String huge = "{\"email\":\"" + "a".repeat(3 * 1024 * 1024) + "@x.fr\",\"password\":\"x\"}";
        given().contentType("application/json").body(huge).when().post("/api/auth/login")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("payload-too-large"))
                .body("title", equalTo("Requête trop volumineuse"));
    }

    @Test
    void shouldNameAnUnknownFieldInsteadOfIgnoringIt() {
        given().auth().oauth2(app.relais.testsupport.TestTokens.admin()).contentType("application/json")
                .body("{\"name\":\"Clients " + java.util.UUID.randomUUID() + "\",\"color\":\"#3366ff\"}")
                .when().post("/api/categories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("color"))
                .body("errors[0].code", equalTo("unknown_field"))
                .body("errors[0].message", equalTo("Champ inconnu. Champs acceptés : colour, description, name."));
    }

    @Test
    void shouldShowTheExpectedShapeOfAMistypedValue() {
        given().auth().oauth2(app.relais.testsupport.TestTokens.admin()).contentType("application/json")
                .body("{\"name\":\"Planifiée\",\"message1Body\":\"Bonjour\",\"scheduledAt\":\"2026-12-01 10:00\"}")
                .when().post("/api/campaigns")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("scheduledAt"))
                .body("errors[0].code", equalTo("invalid_type"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("2026-12-01T10:00:00+01:00"));
    }

    @Test
    void shouldExplainAnInvalidPhoneNumberInWords() {
        given().auth().oauth2(app.relais.testsupport.TestTokens.admin()).contentType("application/json")
                .body("{\"phone\":\"0033 7 11 22 33 44\"}")
                .when().post("/api/contacts")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("phone"))
                .body("errors[0].code", equalTo("invalid_phone"))
                .body("errors[0].message", equalTo("Ce numéro n'existe pas dans le plan de numérotation de ce pays."));
        given().auth().oauth2(app.relais.testsupport.TestTokens.admin()).header("Accept-Language", "en")
                .contentType("application/json").body("{\"phone\":\"12\"}")
                .when().post("/api/contacts")
                .then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.startsWith("field.")))
                .body("errors[0].message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("_")));
    }

    @Test
    void shouldAnswerInEnglishWhenAsked() {
        given().header("Accept-Language", "en-GB,en;q=0.9").when().get("/api/does-not-exist")
                .then().statusCode(404)
                .body("title", equalTo("Not found"));
    }

    @Test
    void shouldServeTheOpenApiDocumentAndSwaggerUi() {
        given().when().get("/api/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", equalTo("Relais API"));
        given().when().get("/api/docs/")
                .then().statusCode(200)
                .body(containsString("swagger"));
    }

    @Test
    void shouldNeverLeakJavaClassNamesInErrors() {
        given().when().get("/api/does-not-exist")
                .then().body(not(containsString("jakarta."))).body(not(containsString("Exception")));
    }

    @Test
    void shouldSendSecurityHeadersOnEveryResponse() {
        for (String path : new String[] { "/api/health", "/api/does-not-exist", "/api/openapi" }) {
            given().when().get(path)
                    .then().header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }

    @Test
    void shouldAllowCorsOnlyForConfiguredOrigins() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/health")
                .then().header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"));
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/health")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
