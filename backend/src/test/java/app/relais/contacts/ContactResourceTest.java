package app.relais.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void concurrentCreatesInDifferentFormatsGiveOneContact() throws Exception {
        String[] n = randomFrenchMobile();
        String nsn = n[1].substring(3);
        List<String> formats = List.of(n[0], n[1], "0033 " + nsn.charAt(0) + " " + nsn.substring(1, 3) + " "
                + nsn.substring(3, 5) + " " + nsn.substring(5, 7) + " " + nsn.substring(7));
        String token = TestTokens.admin();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String phone = formats.get(i % formats.size());
            results.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("phone", phone, "firstName", "Concurrent")).post("/api/contacts");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        String createdId = null;
        for (Future<Response> f : results) {
            Response r = f.get();
            statuses.add(r.statusCode());
            if (r.statusCode() == 201) {
                createdId = r.path("id");
            }
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        for (Future<Response> f : results) {
            if (f.get().statusCode() == 409) {
                assertEquals(createdId, f.get().path("existingContactId"));
            }
        }
        assertEquals(1L, ((Number) em.createNativeQuery("SELECT count(*) FROM contacts WHERE phone_e164 = ?1")
                .setParameter(1, n[1]).getSingleResult()).longValue());
    }

    void setContactState(String id, String whatsappStatus, boolean sandboxJoined, boolean replied) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE contacts SET whatsapp_status = ?2,"
                + " sandbox_joined_at = CASE WHEN ?3 THEN now() END, last_inbound_at = CASE WHEN ?4 THEN now() END"
                + " WHERE id = ?1").setParameter(1, UUID.fromString(id)).setParameter(2, whatsappStatus)
                .setParameter(3, sandboxJoined).setParameter(4, replied).executeUpdate());
    }

    @Test
    void filtersByCategoryWhatsAppStatusSandboxRepliedAndDigits() {
        String tag = "Fy" + UUID.randomUUID().toString().substring(0, 8);
        String[] a = randomFrenchMobile();
        String[] b = randomFrenchMobile();
        String idA = create(a[0], tag, "Un");
        String idB = create(b[0], tag, "Deux");
        setContactState(idA, "ok", true, true);
        setContactState(idB, "not_on_whatsapp", false, false);
        String cat = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Filtre " + tag)).post("/api/categories").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "add_to_category", "ids", List.of(idB), "categoryId", cat))
                .post("/api/contacts/bulk").then().statusCode(200).body("affected", equalTo(1));

        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).get("/api/contacts").then().statusCode(200)
                .body("total", equalTo(2)).body("totalExact", equalTo(true)).body("hasMore", equalTo(false));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("size", 1).get("/api/contacts")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("total", equalTo(2))
                .body("hasMore", equalTo(true));
        given().auth().oauth2(TestTokens.admin()).queryParam("categoryId", cat).get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(idB));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("whatsappStatus", "ok")
                .get("/api/contacts").then().body("total", equalTo(1)).body("items[0].id", equalTo(idA));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("whatsappStatus", "not_on_whatsapp")
                .get("/api/contacts").then().body("total", equalTo(1)).body("items[0].id", equalTo(idB));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("sandboxJoined", true)
                .get("/api/contacts").then().body("total", equalTo(1)).body("items[0].id", equalTo(idA));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("sandboxJoined", false)
                .get("/api/contacts").then().body("total", equalTo(1)).body("items[0].id", equalTo(idB));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("hasReplied", true)
                .get("/api/contacts").then().body("total", equalTo(1)).body("items[0].id", equalTo(idA));
        // Digits anywhere in the number, in any spelling: the last 6 digits, the +33 form, the 0033 form.
        String last6 = a[1].substring(a[1].length() - 6);
        given().auth().oauth2(TestTokens.admin()).queryParam("q", last6.substring(0, 2) + " " + last6.substring(2, 4)
                + " " + last6.substring(4)).get("/api/contacts").then().statusCode(200).body("items.id", hasItem(idA));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", a[1]).get("/api/contacts")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(idA));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", a[1].replace("+", "00")).get("/api/contacts")
                .then().body("items.id", hasItem(idA));
        // LIKE wildcards in q are literal.
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag + "%").get("/api/contacts")
                .then().body("total", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", "_" + tag.substring(1)).get("/api/contacts")
                .then().body("total", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).queryParam("whatsappStatus", "maybe").get("/api/contacts")
                .then().statusCode(400).body("errors.field", hasItem("whatsappStatus"));
        given().auth().oauth2(TestTokens.admin()).queryParam("page", 401).queryParam("size", 25).get("/api/contacts")
                .then().statusCode(400).body("errors.field", hasItem("page"));
    }

    int insertMany(String tag, int n) {
        String prefix = "+99" + (1000 + ThreadLocalRandom.current().nextInt(9000));
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("INSERT INTO contacts (phone_e164, first_name, last_name)"
                + " SELECT ?1 || lpad(i::text, 6, '0'), ?2, 'Masse' FROM generate_series(1, ?3) i ON CONFLICT DO NOTHING")
                .setParameter(1, prefix).setParameter(2, tag).setParameter(3, n).executeUpdate());
    }

    @Test
    void largeResultsAreNotCountedExactlyAndBulkByFilterReachesEveryMatch() {
        String tag = "Cap" + UUID.randomUUID().toString().substring(0, 8);
        int n = ContactService.ESTIMATE_ABOVE + 500;
        assertEquals(n, insertMany(tag, n));
        // Beyond the cap the total is approximate (capped count or planner estimate), never a full count.
        Response first = given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).get("/api/contacts");
        first.then().statusCode(200).body("totalExact", equalTo(false)).body("hasMore", equalTo(true))
                .body("items.size()", equalTo(25));
        long total = ((Number) first.path("total")).longValue();
        assertTrue(total >= ContactService.COUNT_CAP, "total " + total);
        // The last page shows the end: its total is exact again.
        int last = (n - 1) / 200;
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("page", last)
                .queryParam("size", 200).get("/api/contacts").then().statusCode(200)
                .body("items.size()", equalTo(n - last * 200)).body("hasMore", equalTo(false))
                .body("total", equalTo(n)).body("totalExact", equalTo(true));
        // Beyond the end: no rows, an approximate total.
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).queryParam("page", last + 1)
                .queryParam("size", 200).get("/api/contacts").then().statusCode(200).body("items.size()", equalTo(0))
                .body("hasMore", equalTo(false)).body("totalExact", equalTo(false));
        // One set-based statement handles every match.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "delete", "filter", Map.of("q", tag))).post("/api/contacts/bulk")
                .then().statusCode(200).body("requested", equalTo(n)).body("affected", equalTo(n));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", tag).get("/api/contacts").then()
                .body("total", equalTo(0)).body("totalExact", equalTo(true));
    }

    @Test
    void bulkByFilter() {
        String tag = "Bf" + UUID.randomUUID().toString().substring(0, 8);
        String[] a = randomFrenchMobile();
        String[] b = randomFrenchMobile();
        String[] c = randomFrenchMobile();
        String idA = create(a[0], tag, "Un");
        String idB = create(b[0], tag, "Deux");
        String idC = create(c[0], "Hors", "Filtre");
        String cat = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Bulk " + tag)).post("/api/categories").then().statusCode(201)
                .extract().path("id");

        // Exactly one of ids and filter.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "opt_out", "ids", List.of(idA), "filter", Map.of("q", tag)))
                .post("/api/contacts/bulk").then().statusCode(400).body("errors.field", hasItem("filter"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("action", "opt_out"))
                .post("/api/contacts/bulk").then().statusCode(400).body("errors.field", hasItem("ids"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "opt_out", "filter", Map.of("whatsappStatus", "maybe")))
                .post("/api/contacts/bulk").then().statusCode(400).body("errors.field", hasItem("whatsappStatus"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "add_to_category", "filter", Map.of("q", tag), "categoryId",
                        UUID.randomUUID().toString())).post("/api/contacts/bulk").then().statusCode(404);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "add_to_category", "filter", Map.of("q", tag), "categoryId", cat))
                .post("/api/contacts/bulk").then().statusCode(200).body("action", equalTo("add_to_category"))
                .body("requested", equalTo(2)).body("affected", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + cat + "/contacts").then()
                .body("total", equalTo(2)).body("items.id", hasItem(idA)).body("items.id", hasItem(idB))
                .body("items.id", not(hasItem(idC)));
        // Again: already members, nothing added.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "add_to_category", "filter", Map.of("q", tag), "categoryId", cat))
                .post("/api/contacts/bulk").then().statusCode(200).body("affected", equalTo(0));

        // Filters combine: opt out the members of the category whose last name matches "un".
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "opt_out", "filter", Map.of("categoryId", cat, "q", tag + " un")))
                .post("/api/contacts/bulk").then().statusCode(200).body("requested", equalTo(1))
                .body("affected", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + idA).then().body("optedOut", equalTo(true))
                .body("optOutSource", equalTo("admin"));
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + idB).then().body("optedOut", equalTo(false));
        assertEquals(1L, ((Number) em.createNativeQuery("SELECT count(*) FROM audit_log WHERE action ="
                + " 'contact.bulk.opt_out' AND details->'filter'->>'categoryId' = ?1 AND (details->>'count')::int = 1")
                .setParameter(1, cat).getSingleResult()).longValue());

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "remove_from_category", "filter", Map.of("q", tag, "optedOut", true),
                        "categoryId", cat)).post("/api/contacts/bulk").then().statusCode(200)
                .body("affected", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + cat + "/contacts").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(idB));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "delete", "filter", Map.of("q", tag))).post("/api/contacts/bulk")
                .then().statusCode(200).body("requested", equalTo(2)).body("affected", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + idA).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + idC).then().statusCode(200);
    }
}
