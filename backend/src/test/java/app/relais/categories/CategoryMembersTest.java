package app.relais.categories;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.contacts.ContactResourceTest;
import app.relais.testsupport.Db;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Category + search on the memberships' copy of each contact's search (V13), and the member counts the triggers
 * keep: checked against the contacts table and a recount after every kind of change.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CategoryMembersTest {

    @BeforeEach
    void testUsersExist() {
        Db.exec("INSERT INTO users (id, email, password_hash, role) VALUES"
                + " (?, 'superadmin.test@relais.test', 'x', 'super_admin'), (?, 'admin.test@relais.test', 'x', 'admin')"
                + " ON CONFLICT DO NOTHING", TestTokens.SUPER_ADMIN_ID, TestTokens.ADMIN_ID);
    }

    private static String tag() {
        // Letters only, so that no number matches it.
        StringBuilder s = new StringBuilder("zq");
        for (char ch : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            s.append((char) ('a' + Character.digit(ch, 16)));
        }
        return s.toString();
    }

    private static String contact(String first, String last) {
        String[] n = ContactResourceTest.randomFrenchMobile();
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", n[0], "firstName", first, "lastName", last)).post("/api/contacts")
                .then().statusCode(201).extract().path("id");
    }

    private static void add(String category, List<String> ids) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("ids", ids))
                .post("/api/categories/" + category + "/contacts").then().statusCode(200);
    }

    private static JsonPath list(Map<String, Object> query) {
        return given().auth().oauth2(TestTokens.admin()).queryParams(query).get("/api/contacts").then()
                .statusCode(200).extract().jsonPath();
    }

    /** The ids the plain contacts table gives for "in this category and search LIKE %q%", newest first. */
    private static List<String> expected(String category, String q, boolean newestFirst) {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> r : Db.rows("SELECT c.id::text AS id FROM contacts c JOIN category_contacts cc"
                + " ON cc.contact_id = c.id WHERE cc.category_id = ? AND c.search LIKE ? ORDER BY c.created_at "
                + (newestFirst ? "DESC" : "ASC") + ", c.id", UUID.fromString(category), "%" + q + "%")) {
            ids.add((String) r.get("id"));
        }
        return ids;
    }

    private static long memberCount(String category) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + category).then().statusCode(200)
                .extract().jsonPath().getLong("contactCount");
    }

    private static void assertCountsMatchARecount() {
        List<Map<String, Object>> wrong = Db.rows("SELECT k.name, k.member_count, (SELECT count(*) FROM category_contacts"
                + " cc WHERE cc.category_id = k.id) AS recount FROM categories k WHERE k.member_count <>"
                + " (SELECT count(*) FROM category_contacts cc WHERE cc.category_id = k.id)");
        assertTrue(wrong.isEmpty(), "member_count differs from a recount: " + wrong);
        assertEquals(0, Db.count("SELECT count(*) FROM category_contacts cc JOIN contacts c ON c.id = cc.contact_id"
                + " WHERE cc.search IS DISTINCT FROM c.search OR cc.contact_created_at IS DISTINCT FROM c.created_at"),
                "a membership's copy of its contact's search or creation time is stale");
    }

    @Test
    void categoryAndSearchGiveExactlyTheMatchingMembers() {
        String tag = tag();
        String k = CategoryResourceTest.newCategory("Search " + tag);
        String other = CategoryResourceTest.newCategory("Other " + tag);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(contact("Anne", tag + i));
        }
        String plain1 = contact("Paul", "Sans");
        String plain2 = contact("Paul", "Rien");
        String elsewhere = contact("Luc", tag + "x"); // matches the search, in the other category only
        contact("Eve", tag + "y"); // matches the search, in no category
        List<String> inK = new ArrayList<>(members);
        inK.add(plain1);
        inK.add(plain2);
        add(k, inK);
        add(other, List.of(elsewhere, members.get(0)));

        List<String> newest = expected(k, tag, true);
        assertEquals(4, newest.size());
        JsonPath all = list(Map.of("categoryId", k, "q", tag));
        assertEquals(newest, all.getList("items.id"));
        assertEquals(4, all.getInt("total"));
        assertTrue(all.getBoolean("totalExact"));
        assertFalse(all.getBoolean("hasMore"));

        // Paged: total counted, hasMore says a next page exists.
        JsonPath p0 = list(Map.of("categoryId", k, "q", tag.toUpperCase(), "size", 3));
        assertEquals(newest.subList(0, 3), p0.getList("items.id"));
        assertEquals(4, p0.getInt("total"));
        assertTrue(p0.getBoolean("totalExact"));
        assertTrue(p0.getBoolean("hasMore"));
        JsonPath p1 = list(Map.of("categoryId", k, "q", tag, "size", 3, "page", 1));
        assertEquals(newest.subList(3, 4), p1.getList("items.id"));
        assertFalse(p1.getBoolean("hasMore"));
        assertEquals(expected(k, tag, false), list(Map.of("categoryId", k, "q", tag, "sort", "createdAt"))
                .getList("items.id"));
        // Another filter, another sort: the general path gives the same rows.
        assertEquals(4, list(Map.of("categoryId", k, "q", tag, "optedOut", false)).getInt("total"));
        assertEquals(4, list(Map.of("categoryId", k, "q", tag, "sort", "lastName")).getList("items").size());
        // A number's digits search the members too.
        String phone = given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + plain1).then()
                .extract().path("phone");
        String digits = phone.substring(phone.length() - 8);
        assertEquals(List.of(plain1), list(Map.of("categoryId", k, "q", digits)).getList("items.id"));
        // The category alone: its members, newest first; the total is the kept count, exact.
        JsonPath cat = list(Map.of("categoryId", k, "size", 2));
        assertEquals(6, cat.getInt("total"));
        assertTrue(cat.getBoolean("totalExact"));
        assertTrue(cat.getBoolean("hasMore"));
        List<String> allMembers = new ArrayList<>();
        for (Map<String, Object> r : Db.rows("SELECT c.id::text AS id FROM contacts c JOIN category_contacts cc"
                + " ON cc.contact_id = c.id WHERE cc.category_id = ? ORDER BY c.created_at DESC, c.id LIMIT 2",
                UUID.fromString(k))) {
            allMembers.add((String) r.get("id"));
        }
        assertEquals(allMembers, cat.getList("items.id"));

        // A member renamed leaves the search; a member renamed into it joins it (the copy follows the contact).
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("lastName", "Autre"))
                .patch("/api/contacts/" + members.get(1)).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("firstName", tag + "z"))
                .patch("/api/contacts/" + plain2).then().statusCode(200);
        List<String> after = expected(k, tag, true);
        assertFalse(after.contains(members.get(1)));
        assertTrue(after.contains(plain2));
        assertEquals(after, list(Map.of("categoryId", k, "q", tag)).getList("items.id"));
        // Bulk actions by the same filter select the same contacts.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "opt_out", "filter", Map.of("categoryId", k, "q", tag)))
                .post("/api/contacts/bulk").then().statusCode(200).body("requested", equalTo(4))
                .body("affected", equalTo(4));
        assertCountsMatchARecount();
    }

    @Test
    void memberCountsFollowEveryChange() throws Exception {
        String tag = tag();
        String a = CategoryResourceTest.newCategory("Count A " + tag);
        String b = CategoryResourceTest.newCategory("Count B " + tag);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(contact("C", tag + i));
        }
        add(a, ids);
        add(a, ids); // already members: nothing counted twice
        assertEquals(6, memberCount(a));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "add_to_category", "categoryId", b, "filter", Map.of("q", tag)))
                .post("/api/contacts/bulk").then().statusCode(200).body("affected", equalTo(6));
        assertEquals(6, memberCount(b));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("ids", ids.subList(0, 2)))
                .delete("/api/categories/" + a + "/contacts").then().statusCode(200);
        assertEquals(4, memberCount(a));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "remove_from_category", "categoryId", b,
                        "filter", Map.of("q", tag + "5")))
                .post("/api/contacts/bulk").then().statusCode(200).body("affected", equalTo(1));
        assertEquals(5, memberCount(b));
        // A deleted contact leaves its categories (cascade), one by one and in bulk.
        given().auth().oauth2(TestTokens.admin()).delete("/api/contacts/" + ids.get(3)).then().statusCode(204);
        assertEquals(3, memberCount(a));
        assertEquals(4, memberCount(b));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "delete", "ids", ids.subList(4, 6))).post("/api/contacts/bulk")
                .then().statusCode(200);
        assertEquals(1, memberCount(a));
        assertEquals(3, memberCount(b)); // the last one had left it already
        assertCountsMatchARecount();

        // Import into a category, with a categories column creating another one.
        String[] n1 = ContactResourceTest.randomFrenchMobile();
        String[] n2 = ContactResourceTest.randomFrenchMobile();
        String csv = "phone;last_name;categories\n" + n1[0] + ";" + tag + "i1;Col " + tag + "\n" + n2[0] + ";" + tag
                + "i2;\n";
        String job = given().auth().oauth2(TestTokens.admin())
                .multiPart("file", "c.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("targetCategoryId", a).post("/api/contacts/import").then().statusCode(202)
                .extract().path("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(given().auth()
                .oauth2(TestTokens.admin()).get("/api/contacts/import/" + job).then().extract().path("status")));
        assertEquals(3, memberCount(a));
        JsonPath imported = list(Map.of("categoryId", a, "q", tag + "i"));
        assertEquals(2, imported.getInt("total"), imported.prettify());
        assertCountsMatchARecount();

        // Concurrent adds to one category: no update lost.
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            more.add(contact("D", tag + "c" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i += 2) {
            List<String> pair = more.subList(i, i + 2);
            done.add(pool.submit(() -> add(b, pair)));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(11, memberCount(b));
        // The category list shows the same counts.
        given().auth().oauth2(TestTokens.admin()).queryParam("q", "Count B " + tag).get("/api/categories").then()
                .statusCode(200).body("items[0].contactCount", equalTo(11));
        // Deleting a category drops its memberships; the other counts stay right.
        given().auth().oauth2(TestTokens.admin()).delete("/api/categories/" + b).then().statusCode(204);
        assertCountsMatchARecount();
    }

    /**
     * A contact renamed while another transaction adds it to a category: whichever commits first, the membership
     * ends with the new name (the rename waits for the insert, or the insert for the rename).
     */
    @Test
    void renameRacingAnAddKeepsTheCopyExact() throws Exception {
        String tag = tag();
        String k = CategoryResourceTest.newCategory("Race " + tag);
        UUID cat = UUID.fromString(k);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // 1. The rename first, uncommitted; the add waits for it and copies the new name.
            UUID c1 = UUID.fromString(contact("R", "Avant"));
            try (Connection t1 = Db.connect()) {
                t1.setAutoCommit(false);
                try (PreparedStatement ps = t1.prepareStatement("UPDATE contacts SET last_name = ? WHERE id = ?")) {
                    ps.setString(1, tag + "apres");
                    ps.setObject(2, c1);
                    ps.executeUpdate();
                }
                Future<?> insert = pool.submit(() -> Db.exec(
                        "INSERT INTO category_contacts (category_id, contact_id) VALUES (?, ?)", cat, c1));
                Thread.sleep(300);
                assertFalse(insert.isDone(), "the add waits for the rename");
                t1.commit();
                insert.get(10, TimeUnit.SECONDS);
            }
            // 2. The add first, uncommitted; the rename waits for it, then updates the new membership.
            UUID c2 = UUID.fromString(contact("R", "Avant"));
            try (Connection t2 = Db.connect()) {
                t2.setAutoCommit(false);
                try (PreparedStatement ps = t2.prepareStatement(
                        "INSERT INTO category_contacts (category_id, contact_id) VALUES (?, ?)")) {
                    ps.setObject(1, cat);
                    ps.setObject(2, c2);
                    ps.executeUpdate();
                }
                Future<?> rename = pool.submit(() -> Db.exec("UPDATE contacts SET last_name = ? WHERE id = ?",
                        tag + "apres", c2));
                Thread.sleep(300);
                assertFalse(rename.isDone(), "the rename waits for the add");
                t2.commit();
                rename.get(10, TimeUnit.SECONDS);
            }
            // 3. The same through the API's bulk add, which gives the values itself: it waits for the rename too.
            String c3 = contact("R", "Avant");
            try (Connection t3 = Db.connect()) {
                t3.setAutoCommit(false);
                try (PreparedStatement ps = t3.prepareStatement("UPDATE contacts SET last_name = ? WHERE id = ?")) {
                    ps.setString(1, tag + "apres");
                    ps.setObject(2, UUID.fromString(c3));
                    ps.executeUpdate();
                }
                Future<?> add = pool.submit(() -> add(k, List.of(c3)));
                Thread.sleep(300);
                assertFalse(add.isDone(), "the bulk add waits for the rename");
                t3.commit();
                add.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(3, list(Map.of("categoryId", k, "q", tag + "apres")).getInt("total"));
        assertEquals(0, list(Map.of("categoryId", k, "q", "avant")).getInt("total"));
        assertEquals(3, memberCount(k));
        assertCountsMatchARecount();
    }
}
