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
