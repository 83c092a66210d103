package app.relais.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document is called without a token: all but the public ones must
 * answer 401 (so a new endpoint that forgets its role fails here), and the super-admin-only ones must
 * answer 403 to an admin.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class EndpointSecurityTest {

    /** Reachable without a bearer token, each for a reason. */
    private static final Set<String> PUBLIC = Set.of(
            "POST /api/auth/login", "POST /api/auth/refresh",      // how one gets a token
            "POST /api/auth/logout",                                // holding the refresh token is the proof
            "POST /api/webhooks/twilio");                           // Twilio's signature instead
    private static final List<String> PUBLIC_PREFIXES = List.of(
            "/api/health");

    @Test
    void everyOperationShouldRequireATokenUnlessPublic() {
        JsonPath doc = given().accept("application/json").get("/api/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> unprotected = new ArrayList<>();
        int checked = 0;
        for (var path : paths.entrySet()) {
            for (String method : path.getValue().keySet()) {
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                String op = method.toUpperCase() + " " + path.getKey();
                if (PUBLIC.contains(op) || PUBLIC_PREFIXES.stream().anyMatch(path.getKey()::startsWith)) {
                    continue;
                }
                int status = request(doc, path.getKey(), method).request(method.toUpperCase(), concrete(path.getKey()))
                        .statusCode();
                checked++;
                if (status != 401) {
                    unprotected.add(op + " -> " + status);
                }
            }
        }
        assertTrue(checked > 40, "the document lists the API (" + checked + " operations checked)");
        assertEquals(List.of(), unprotected, "operations reachable without a token");
    }

    @Test
    void superAdminOperationsShouldRefuseAnAdmin() {
        JsonPath doc = given().accept("application/json").get("/api/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> open = new ArrayList<>();
        for (var path : paths.entrySet()) {
            if (!(path.getKey().startsWith("/api/users") || path.getKey().startsWith("/api/audit-log")
                    || path.getKey().equals("/api/whatsapp/test-message"))) {
                continue;
            }
            for (String method : path.getValue().keySet()) {
                int status = given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{}")
                        .request(method.toUpperCase(), concrete(path.getKey())).statusCode();
                if (status != 403) {
                    open.add(method.toUpperCase() + " " + path.getKey() + " -> " + status);
                }
            }
        }
        assertEquals(List.of(), open, "super-admin operations an admin could reach");
    }

    /** A body of the kind the operation declares (a file for uploads), so no 415 hides the 401. */
    private static io.restassured.specification.RequestSpecification request(JsonPath doc, String path, String method) {
        Map<String, Object> content = doc.getMap("paths.'" + path + "'." + method + ".requestBody.content");
        if (content != null && content.containsKey("multipart/form-data")) {
            return given().multiPart("file", "contacts.csv", "phone\n+33612345678\n".getBytes());
        }
        return given().contentType("application/json").body("{}");
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{phone}", "+33612345678").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }
}
