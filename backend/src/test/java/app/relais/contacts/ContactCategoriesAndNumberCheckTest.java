package app.relais.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import app.relais.testsupport.Db;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Contacts carry their categories (create, update, list rows); the number check answers as create would. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class ContactCategoriesAndNumberCheckTest {

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static UUID category(String name) {
        return Db.queryOne("INSERT INTO categories (name) VALUES (?) RETURNING id", name + " " + UUID.randomUUID());
    }

    private static String fictionalPhone() {
        return "+3363998" + (1000 + ThreadLocalRandom.current().nextInt(8999));
    }

    @Test
    void shouldCreateUpdateAndListAContactWithItsCategories() {
        UUID lyon = category("Clients Lyon");
        UUID vip = category("VIP");
        String tag = "Cat" + UUID.randomUUID().toString().substring(0, 8);
        String id = admin().body(Map.of("phone", fictionalPhone(), "firstName", tag, "categoryIds", List.of(lyon, vip)))
                .post("/api/contacts").then().statusCode(201).body("categories.id", containsInAnyOrder(lyon.toString(), vip.toString()))
                .extract().path("id");
        admin().queryParam("q", tag).get("/api/contacts").then().statusCode(200).body("items[0].id", equalTo(id))
                .body("items[0].categories.id", containsInAnyOrder(lyon.toString(), vip.toString()))
                .body("items[0].categories.name", hasItem(org.hamcrest.Matchers.startsWith("VIP")));
        admin().queryParam("categoryId", lyon).get("/api/contacts").then().statusCode(200).body("items.id", hasItem(id));

        // Absent: unchanged. Given: exactly these.
        admin().body(Map.of("lastName", "Durand")).patch("/api/contacts/" + id).then().statusCode(200)
                .body("categories.size()", equalTo(2));
        admin().body(Map.of("categoryIds", List.of(vip))).patch("/api/contacts/" + id).then().statusCode(200)
                .body("categories.id", containsInAnyOrder(vip.toString()));
        admin().body(Map.of("categoryIds", List.of())).patch("/api/contacts/" + id).then().statusCode(200)
                .body("categories.size()", equalTo(0));
        admin().queryParam("q", tag).get("/api/contacts").then().body("items[0].categories.size()", equalTo(0));
        // The member counts the category page shows follow.
        admin().get("/api/categories/" + vip).then().statusCode(200).body("contactCount", equalTo(0));

        UUID unknown = UUID.randomUUID();
        admin().body(Map.of("categoryIds", List.of(vip, unknown))).patch("/api/contacts/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("categoryIds"))
                .body("errors.code", hasItem("unknown_category"));
        admin().body(Map.of("phone", fictionalPhone(), "categoryIds", List.of(unknown))).post("/api/contacts").then()
                .statusCode(400).body("errors.field", hasItem("categoryIds"));
        admin().get("/api/contacts/" + id).then().body("categories.size()", equalTo(0));
    }

    @Test
    void shouldCheckANumberAsCreateWouldStoreIt() {
        admin().body(Map.of("number", "06 12 34 56 78", "country", "FR")).post("/api/contacts/number-check").then()
                .statusCode(200).body("valid", equalTo(true)).body("e164", equalTo("+33612345678"))
                .body("country", equalTo("FR")).body("repaired", equalTo(false)).body("reason", nullValue());
        admin().body(Map.of("number", "97 12 34 56", "country", "BJ")).post("/api/contacts/number-check").then()
                .statusCode(200).body("valid", equalTo(true)).body("e164", equalTo("+2290197123456"))
                .body("repaired", equalTo(true)).body("repairReason", containsString("Bénin"));
        admin().header("Accept-Language", "en").body(Map.of("number", "+225 07 12 34 56"))
                .post("/api/contacts/number-check").then().statusCode(200).body("e164", equalTo("+2250707123456"))
                .body("repairReason", containsString("operator"));
        admin().body(Map.of("number", "12", "country", "FR")).post("/api/contacts/number-check").then().statusCode(200)
                .body("valid", equalTo(false)).body("e164", nullValue()).body("reason", equalTo("too_short"))
                .body("message", equalTo("Numéro trop court pour ce pays."));
        admin().body(Map.of("number", "bonjour")).post("/api/contacts/number-check").then().statusCode(200)
                .body("reason", equalTo("not_a_number"));
        admin().body(Map.of()).post("/api/contacts/number-check").then().statusCode(200).body("reason", equalTo("empty"));

        // Create agrees, and the check then names the contact that has the number.
        String phone = fictionalPhone();
        String id = admin().body(Map.of("phone", phone)).post("/api/contacts").then().statusCode(201).extract().path("id");
        admin().body(Map.of("number", phone)).post("/api/contacts/number-check").then().statusCode(200)
                .body("e164", equalTo(phone)).body("existingContactId", equalTo(id));
        admin().body(Map.of("phone", "12", "country", "FR")).post("/api/contacts").then().statusCode(400)
                .body("errors.field", hasItem("phone"));

        admin().body(Map.of("number", "0612345678", "country", "FRA")).post("/api/contacts/number-check").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("number", "1")).post("/api/contacts/number-check").then()
                .statusCode(401);
    }
}
