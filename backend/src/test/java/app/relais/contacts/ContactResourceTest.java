package app.relais.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
public class ContactResourceTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    /** The test tokens' users must exist for audit_log's foreign key (another feature may seed them too). */
    @org.junit.jupiter.api.BeforeEach
    @jakarta.transaction.Transactional
    void testUsersExist() {
        em.createNativeQuery("INSERT INTO users (id, email, password_hash, role) VALUES"
                + " (?1, 'superadmin.test@relais.test', 'x', 'super_admin'), (?2, 'admin.test@relais.test', 'x', 'admin')"
                + " ON CONFLICT DO NOTHING").setParameter(1, TestTokens.SUPER_ADMIN_ID)
                .setParameter(2, TestTokens.ADMIN_ID).executeUpdate();
    }

    /** A random valid French mobile, national spelling "06 xx xx xx xx" and its E.164. */
    public static String[] randomFrenchMobile() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            String nsn = "6" + String.format("%08d", r.nextInt(100_000_000));
            if (PhoneNumbers.parse("+33" + nsn, "FR").ok()) {
                return new String[] {"0" + nsn.charAt(0) + " " + nsn.substring(1, 3) + " " + nsn.substring(3, 5) + " "
                        + nsn.substring(5, 7) + " " + nsn.substring(7), "+33" + nsn};
            }
        }
    }

    static String create(String phone, String first, String last) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "firstName", first, "lastName", last, "attributes", Map.of("ville", "Lyon")))
                .post("/api/contacts").then().statusCode(201).extract().path("id");
    }

    @Test
    void createReadUpdateDelete() {
        String[] n = randomFrenchMobile();
        Response created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", n[0], "firstName", " Zoé ", "lastName", "Durand"))
                .post("/api/contacts");
        created.then().statusCode(201).header("Location", notNullValue()).body("phone", equalTo(n[1]))
                .body("country", equalTo("FR")).body("firstName", equalTo("Zoé"));
        String id = created.path("id");
        given().auth().oauth2(TestTokens.admin()).get(created.header("Location").replaceFirst("^https?://[^/]+", ""))
                .then().statusCode(200).body("id", equalTo(id)).body("categories.size()", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("lastName", "Martin", "optedOut", true)).patch("/api/contacts/" + id)
                .then().statusCode(200).body("lastName", equalTo("Martin")).body("optedOut", equalTo(true))
                .body("optOutSource", equalTo("admin")).body("firstName", equalTo("Zoé"));
        given().auth().oauth2(TestTokens.admin()).delete("/api/contacts/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + id).then().statusCode(404);
    }

    @Test
    void invalidNumberAndDuplicate() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("phone", "06 12"))
                .post("/api/contacts").then().statusCode(400).body("errors.field", hasItem("phone"));
        String[] n = randomFrenchMobile();
        String id = create(n[0], "A", "B");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", n[1].replace("+", "00"))).post("/api/contacts")
                .then().statusCode(409).body("code", equalTo("contact-duplicate"))
                .body("existingContactId", equalTo(id));
    }

    @Test
    void requiresAdmin() {
        given().get("/api/contacts").then().statusCode(401);
    }

    @Test
    void concurrentCreatesGiveOneContact() throws Exception {
        String[] n = randomFrenchMobile();
        String token = TestTokens.admin();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Integer> call = () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("phone", n[0])).post("/api/contacts").statusCode();
            results.add(pool.submit(call));
        }
        int created = 0;
        int conflicts = 0;
        for (Future<Integer> f : results) {
            int s = f.get();
            if (s == 201) {
                created++;
            } else if (s == 409) {
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(7, conflicts);
    }

    @Test
    void searchFiltersAndBulk() {
        String tag = "Zx" + UUID.randomUUID().toString().substring(0, 8);
        String[] a = randomFrenchMobile();
        String[] b = randomFrenchMobile();
        String idA = create(a[0], tag, "Alpha");
        String idB = create(b[0], "Other", tag + "beta");
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag.toLowerCase()).queryParam("sort", "lastName")
                .get("/api/contacts").then().statusCode(200).body("total", equalTo(2))
                .body("items[0].id", equalTo(idA)).body("items[1].id", equalTo(idB));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", a[0]).get("/api/contacts")
                .then().statusCode(200).body("items.id", hasItem(idA)).body("items.id", not(hasItem(idB)));
        given().auth().oauth2(TestTokens.admin()).queryParam("sort", "bogus").get("/api/contacts")
                .then().statusCode(400);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "opt_out", "ids", List.of(idA))).post("/api/contacts/bulk")
                .then().statusCode(200).body("affected", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("optedOut", true)
                .get("/api/contacts").then().body("total", equalTo(1)).body("items[0].id", equalTo(idA));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("hasReplied", true)
                .get("/api/contacts").then().body("total", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "explode", "ids", List.of(idA))).post("/api/contacts/bulk")
                .then().statusCode(400).body("code", equalTo("contact-invalid-bulk"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "delete", "ids", List.of(idA, idB))).post("/api/contacts/bulk")
                .then().statusCode(200).body("affected", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).get("/api/contacts")
                .then().body("total", equalTo(0));
    }
}
