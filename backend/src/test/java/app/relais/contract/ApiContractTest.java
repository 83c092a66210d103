package app.relais.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.Accounts;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is the contract the dashboard's types and integrators' clients are generated
 * from. These tests fail when it degrades (a numbered schema name, a missing operationId, an untyped
 * success, an error that is not a Problem) or when the server answers something it does not describe
 * (every response of the main flows is validated against the served document).
 */
@QuarkusTest
class ApiContractTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private JsonNode spec;
    private String specText;

    @BeforeEach
    void readSpec() throws Exception {
        specText = given().accept("application/json").get("/api/openapi?format=json").then().statusCode(200)
                .extract().asString();
        spec = new ObjectMapper().readTree(specText);
    }

    @Test
    void shouldNameEverySchemaWithoutANumber() {
        List<String> numbered = new ArrayList<>();
        spec.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (Character.isDigit(name.charAt(name.length() - 1))) {
                numbered.add(name);
            }
        });
        assertEquals(List.of(), numbered, "schema names ending in a digit (a clash or a generic page): name them");
    }

    @Test
    void shouldGiveEveryOperationAUniqueOperationId() {
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        eachOperation((where, op) -> {
            String id = op.path("operationId").asText("");
            if (id.isEmpty()) {
                problems.add(where + ": no operationId");
            } else if (!seen.add(id)) {
                problems.add(where + ": duplicate operationId " + id);
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldTypeEverySuccessAndListItFirst() {
        List<String> problems = new ArrayList<>();
        eachOperation((where, op) -> {
            Iterator<String> codes = op.path("responses").fieldNames();
            if (!codes.hasNext()) {
                problems.add(where + ": no response");
                return;
            }
            String first = codes.next();
            if (!first.startsWith("2")) {
                problems.add(where + ": first response is " + first + " (generated clients take its media type)");
            }
            op.path("responses").fields().forEachRemaining(r -> {
                if (!r.getKey().startsWith("2") || r.getKey().equals("204")) {
                    return;
                }
                JsonNode content = r.getValue().path("content");
                if (content.isEmpty()) {
                    problems.add(where + " " + r.getKey() + ": no content");
                }
                content.fields().forEachRemaining(m -> {
                    if (m.getValue().path("schema").isEmpty()) {
                        problems.add(where + " " + r.getKey() + " " + m.getKey() + ": no schema");
                    }
                });
            });
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldDescribeEveryErrorAsAProblem() {
        List<String> problems = new ArrayList<>();
        eachOperation((where, op) -> op.path("responses").fields().forEachRemaining(r -> {
            char c = r.getKey().charAt(0);
            if (c != '4' && c != '5') {
                return;
            }
            JsonNode response = resolve(r.getValue());
            JsonNode content = response.path("content");
            List<String> types = new ArrayList<>();
            content.fieldNames().forEachRemaining(types::add);
            if (!types.equals(List.of("application/problem+json"))
                    || !PROBLEM_REF.equals(content.path("application/problem+json").path("schema").path("$ref").asText())) {
                problems.add(where + " " + r.getKey() + ": " + types + " is not application/problem+json with Problem");
            }
            if ((r.getKey().equals("429") || r.getKey().equals("503")) && response.path("headers").path("Retry-After").isMissingNode()) {
                problems.add(where + " " + r.getKey() + ": no Retry-After header");
            }
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldDeclareSignInAndRoleErrorsOnSecuredOperations() {
        List<String> problems = new ArrayList<>();
        eachOperation((where, op) -> {
            if (op.path("security").size() > 0 && (!op.path("responses").has("401") || !op.path("responses").has("403"))) {
                problems.add(where + ": secured without 401 and 403");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldAnswerTheSuccessBodyToAClientThatAcceptsOnlyProblems() {
        given().auth().oauth2(token()).accept("application/problem+json").get("/api/categories")
                .then().statusCode(200).contentType(startsWith("application/json")).body("page", equalTo(0));
    }

    @Test
    void shouldAnswerTheMainFlowsAsTheDocumentSays() {
        String token = token();
        String phone = "+3361" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));

        String categoryId = api(token).body(Map.of("name", "Contrat " + phone, "colour", "#10B981"))
                .post("/api/categories").then().statusCode(201).extract().path("id");
        api(token).get("/api/categories").then().statusCode(200);
        api(token).get("/api/categories/" + categoryId).then().statusCode(200);
        api(token).body(Map.of("name", "Contrat " + phone)).post("/api/categories").then().statusCode(409);

        String contactId = api(token).body(Map.of("phone", phone, "firstName", "Zoé", "lastName", "Durand"))
                .post("/api/contacts").then().statusCode(201).extract().path("id");
        api(token).body(Map.of("phone", phone)).post("/api/contacts").then().statusCode(409)
                .body("existingContactId", equalTo(contactId));
        api(token).body(Map.of("phone", "12")).post("/api/contacts").then().statusCode(400);
        api(token).get("/api/contacts?q=Durand").then().statusCode(200);
        api(token).get("/api/contacts/" + contactId).then().statusCode(200);
        api(token).get("/api/contacts/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        api(token).body(Map.of("notes", "client fidèle")).patch("/api/contacts/" + contactId).then().statusCode(200);
        api(token).body(Map.of("ids", List.of(contactId))).post("/api/categories/" + categoryId + "/contacts")
                .then().statusCode(200);
        api(token).get("/api/categories/" + categoryId + "/contacts").then().statusCode(200);

        String campaignId = api(token).body(Map.of("name", "Contrat " + phone, "categoryIds", List.of(categoryId),
                "message1Body", "Bonjour {{first_name}} !", "message2Body", "Merci !"))
                .post("/api/campaigns").then().statusCode(201).extract().path("id");
        api(token).get("/api/campaigns").then().statusCode(200);
        api(token).get("/api/campaigns/" + campaignId + "/preview?contactId=" + contactId).then().statusCode(200);
        api(token).get("/api/campaigns/" + campaignId + "/preflight").then().statusCode(200);
        api(token).post("/api/campaigns/" + campaignId + "/launch").then().statusCode(200);
        api(token).get("/api/campaigns/" + campaignId).then().statusCode(200);
        api(token).post("/api/campaigns/" + campaignId + "/launch").then().statusCode(409);
        api(token).get("/api/campaigns/" + campaignId + "/stats").then().statusCode(200);
        api(token).get("/api/campaigns/" + campaignId + "/recipients").then().statusCode(200);
        api(token).get("/api/campaigns/" + campaignId + "/timeline").then().statusCode(200);

        api(token).get("/api/messages").then().statusCode(200);
        api(token).get("/api/messages?campaignId=" + campaignId).then().statusCode(200);
        api(token).get("/api/contacts/" + contactId + "/messages").then().statusCode(200);
        api(token).get("/api/conversations").then().statusCode(200);
        api(token).get("/api/stats/overview").then().statusCode(200);
        api(token).get("/api/monitoring").then().statusCode(200);
        api(token).get("/api/delivery/quota").then().statusCode(200);
        api(token).get("/api/users").then().statusCode(403);
        given().filter(validation()).get("/api/contacts").then().statusCode(401);
    }

    @Test
    void shouldAnswerTheUsersEndpointsAsTheDocumentSays() {
        String superAdmin = app.relais.testsupport.TestTokens.superAdmin();
        String userId = api(superAdmin).body(Map.of("email", Accounts.uniqueEmail("contract"), "fullName", "Contrat",
                "role", "admin", "password", Accounts.PASSWORD)).post("/api/users").then().statusCode(201)
                .extract().path("id");
        api(superAdmin).get("/api/users").then().statusCode(200);
        api(superAdmin).get("/api/users/" + userId).then().statusCode(200);
        api(superAdmin).body(Map.of("fullName", "Contrat renommé")).patch("/api/users/" + userId).then().statusCode(200);
        api(superAdmin).post("/api/users/" + userId + "/deactivate").then().statusCode(200);
        api(superAdmin).get("/api/audit-log").then().statusCode(200);
        api(superAdmin).body(Map.of()).post("/api/users").then().statusCode(400);
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** An admin signed in through the API (a new account changes its temporary password first). */
    private String token() {
        String email = Accounts.uniqueEmail("contract");
        Accounts.createUser(email, "admin");
        String temporary = given().filter(validation()).contentType(ContentType.JSON)
                .header("X-Forwarded-For", Accounts.randomIp())
                .body(Map.of("email", email, "password", Accounts.PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("accessToken");
        String token = api(temporary).body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", Accounts.PASSWORD + "-2"))
                .post("/api/auth/change-password").then().statusCode(200).extract().path("accessToken");
        api(token).get("/api/auth/me").then().statusCode(200);
        return token;
    }

    private RequestSpecification api(String token) {
        return given().filter(validation()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private OpenApiValidationFilter validation() {
        return new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(specText)
                // The tests' own requests are not under test; the server's answers are.
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build());
    }

    private interface OperationVisitor {
        void visit(String where, JsonNode operation);
    }

    private void eachOperation(OperationVisitor visitor) {
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                visitor.visit(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
    }

    private JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.isEmpty() ? response
                : spec.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    @Test
    void shouldServeTheDocumentWrittenAtBuildTime() {
        assertTrue(spec.path("paths").size() > 50, "the document lists the API");
    }
}
