package app.relais.users;

import static app.relais.testsupport.Accounts.PASSWORD;
import static app.relais.testsupport.Accounts.createUser;
import static app.relais.testsupport.Accounts.login;
import static app.relais.testsupport.Accounts.randomIp;
import static app.relais.testsupport.Accounts.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.Db;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class UsersTest {

    @Test
    void everyUsersEndpointShouldBeForSuperAdminsOnly() {
        String target = createUser(uniqueEmail("target"), "admin");
        List<Function<RequestSpecification, io.restassured.response.Response>> calls = List.of(
                r -> r.get("/api/users"),
                r -> r.get("/api/users/" + target),
                r -> r.contentType(ContentType.JSON).body(Map.of("email", uniqueEmail("x"), "role", "admin",
                        "password", PASSWORD)).post("/api/users"),
                r -> r.contentType(ContentType.JSON).body(Map.of("fullName", "Renamed")).patch("/api/users/" + target),
                r -> r.contentType(ContentType.JSON).body(Map.of("password", "Temporaire-2025"))
                        .post("/api/users/" + target + "/reset-password"),
                r -> r.post("/api/users/" + target + "/deactivate"),
                r -> r.get("/api/audit-log"),
                r -> r.delete("/api/users/" + target));
        for (var call : calls) {
            call.apply(given()).then().statusCode(401).contentType("application/problem+json");
            call.apply(given().auth().oauth2(TestTokens.admin())).then().statusCode(403);
        }
        int[] expected = { 200, 200, 201, 200, 204, 200, 200, 204 };
        for (int i = 0; i < calls.size(); i++) {
            calls.get(i).apply(given().auth().oauth2(TestTokens.superAdmin())).then().statusCode(expected[i]);
        }
        given().auth().oauth2(TestTokens.superAdmin()).get("/api/users/" + target).then().statusCode(404)
                .body("code", equalTo("not-found"));
    }

    @Test
    void createShouldReturnLocationAndRefuseADuplicateEmailInAnyCase() {
        String email = uniqueEmail("dup");
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("email", email.toUpperCase(), "fullName", "Awa", "role", "admin", "password", PASSWORD))
                .when().post("/api/users").then().statusCode(201)
                .header("Location", notNullValue())
                .body("email", equalTo(email)).body("mustChangePassword", equalTo(true));
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "role", "admin", "password", PASSWORD))
                .when().post("/api/users").then().statusCode(409).body("code", equalTo("user-email-taken"));
        given().auth().oauth2(TestTokens.superAdmin()).queryParam("q", email.substring(0, 10)).when().get("/api/users")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].email", equalTo(email));
    }

    @Test
    void aSuperAdminCannotRemoveDemoteOrDeactivateThemself() {
        String email = uniqueEmail("self");
        String id = createUser(email, "super_admin");
        String ip = randomIp();
        String first = login(email, PASSWORD, ip).then().statusCode(200).extract().path("accessToken");
        String token = given().auth().oauth2(first).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "Nouveau-mot-2025"))
                .post("/api/auth/change-password").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).delete("/api/users/" + id).then().statusCode(409)
                .body("code", equalTo("user-cannot-delete-self"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .patch("/api/users/" + id).then().statusCode(409).body("code", equalTo("user-cannot-demote-self"));
        given().auth().oauth2(token).post("/api/users/" + id + "/deactivate").then().statusCode(409)
                .body("code", equalTo("user-cannot-deactivate-self"));
    }

    @Test
    void theLastActiveSuperAdminCannotBeRemoved() {
        String keeperEmail = uniqueEmail("keeper");
        String keeper = createUser(keeperEmail, "super_admin");
        // Every request checks its user's current state, so the actor is a real, active super admin: the
        // keeper. Alone among the active super admins, it cannot remove itself in any way.
        String actor = TestTokens.token(java.util.UUID.fromString(keeper), keeperEmail, "super_admin",
                java.time.Duration.ofMinutes(5));
        List<String> others = given().auth().oauth2(actor)
                .queryParam("role", "super_admin").queryParam("active", true).queryParam("size", 200)
                .get("/api/users").then().statusCode(200).extract().path("items.id");
        others = others.stream().filter(o -> !o.equals(keeper)).toList();
        try {
            for (String other : others) {
                given().auth().oauth2(actor).post("/api/users/" + other + "/deactivate")
                        .then().statusCode(200);
            }
            given().auth().oauth2(actor).post("/api/users/" + keeper + "/deactivate")
                    .then().statusCode(409).body("code", equalTo("user-cannot-deactivate-self"));
            given().auth().oauth2(actor).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                    .patch("/api/users/" + keeper).then().statusCode(409);
            given().auth().oauth2(actor).delete("/api/users/" + keeper).then().statusCode(409);
            assertEquals(1L, Db.count("SELECT count(*) FROM users WHERE role = 'super_admin' AND active"));
        } finally {
            for (String other : others) {
                given().auth().oauth2(actor).contentType(ContentType.JSON)
                        .body(Map.of("active", true)).patch("/api/users/" + other).then().statusCode(200);
            }
        }
    }

    @Test
    void adminActionsShouldBeAudited() {
        String email = uniqueEmail("audited");
        String id = createUser(email, "admin");
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(Map.of("role", "super_admin"))
                .patch("/api/users/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.superAdmin()).queryParam("targetId", id).get("/api/audit-log")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].action", equalTo("user.updated"))
                .body("items[0].details.role", equalTo("super_admin"))
                .body("items[0].actorId", equalTo(TestTokens.SUPER_ADMIN_ID.toString()))
                .body("items[1].action", equalTo("user.created"));
    }
}
