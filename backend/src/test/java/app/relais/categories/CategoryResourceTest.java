package app.relais.categories;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import app.relais.contacts.ContactResourceTest;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CategoryResourceTest {

    @Inject
    EntityManager em;

    @BeforeEach
    @Transactional
    void testUsersExist() {
        em.createNativeQuery("INSERT INTO users (id, email, password_hash, role) VALUES"
                + " (?1, 'superadmin.test@relais.test', 'x', 'super_admin'), (?2, 'admin.test@relais.test', 'x', 'admin')"
                + " ON CONFLICT DO NOTHING").setParameter(1, TestTokens.SUPER_ADMIN_ID)
                .setParameter(2, TestTokens.ADMIN_ID).executeUpdate();
    }

    static String newCategory(String name) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "colour", "#123abc")).post("/api/categories")
                .then().statusCode(201).body("contactCount", equalTo(0)).extract().path("id");
    }

    @Test
    void crudAndNameRules() {
        String name = "Cat " + UUID.randomUUID();
        String id = newCategory(name);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name.toUpperCase())).post("/api/categories")
                .then().statusCode(409).body("code", equalTo("category-name-taken"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x" + UUID.randomUUID(), "colour", "red")).post("/api/categories")
                .then().statusCode(400).body("errors.field", hasItem("colour"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("colour", "#00FF00")).patch("/api/categories/" + id)
                .then().statusCode(200).body("colour", equalTo("#00FF00")).body("name", equalTo(name));
        given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).delete("/api/categories/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + id).then().statusCode(404);
    }

    @Test
    void membersCandidatesAndDeleteKeepsContacts() {
        String id = newCategory("Members " + UUID.randomUUID());
        String tag = "Qm" + UUID.randomUUID().toString().substring(0, 8);
        String a = create(tag, "A");
        String b = create(tag, "B");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("ids", List.of(a, b)))
                .post("/api/categories/" + id + "/contacts").then().statusCode(200).body("affected", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + id)
                .then().body("contactCount", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + a)
                .then().body("categories.id", hasItem(id));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("ids", List.of(b)))
                .delete("/api/categories/" + id + "/contacts").then().statusCode(200).body("affected", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).get("/api/categories/" + id + "/contacts")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(a));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).get("/api/categories/" + id + "/candidates")
                .then().statusCode(200).body("items.id", hasItem(b)).body("items.id", not(hasItem(a)));
        given().auth().oauth2(TestTokens.admin()).queryParam("categoryId", id).get("/api/contacts")
                .then().body("total", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).delete("/api/categories/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + a).then().statusCode(200)
                .body("categories.size()", equalTo(0));
    }

    private static String create(String first, String last) {
        String[] n = ContactResourceTest.randomFrenchMobile();
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", n[1], "firstName", first, "lastName", last)).post("/api/contacts")
                .then().statusCode(201).extract().path("id");
    }
}
