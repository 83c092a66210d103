package app.relais.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.common.csv.Csv;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CSV export of contacts (all, filter, category), its escaping, and the import template. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
public class ContactExportTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @org.junit.jupiter.api.BeforeEach
    @jakarta.transaction.Transactional
    void testUsersExist() {
        em.createNativeQuery("INSERT INTO users (id, email, password_hash, role) VALUES"
                + " (?1, 'superadmin.test@relais.test', 'x', 'super_admin'), (?2, 'admin.test@relais.test', 'x', 'admin')"
                + " ON CONFLICT DO NOTHING").setParameter(1, TestTokens.SUPER_ADMIN_ID)
                .setParameter(2, TestTokens.ADMIN_ID).executeUpdate();
    }

    static String tag() {
        return "Xp" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static String create(String phone, String first, String last, Map<String, String> attributes) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "firstName", first, "lastName", last, "attributes", attributes))
                .post("/api/contacts").then().statusCode(201).extract().path("id");
    }

    static String category(String name) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "colour", "#123abc")).post("/api/categories")
                .then().statusCode(201).extract().path("id");
    }

    static byte[] export(String path, Map<String, ?> query) {
        return given().auth().oauth2(TestTokens.admin()).queryParams(query).get(path).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", startsWith("attachment"))
                .extract().asByteArray();
    }

    /** Lines of a CSV body (CRLF separated), the BOM checked and removed. */
    static List<String> lines(byte[] body) {
        assertTrue(body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF,
                "UTF-8 BOM first");
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "CRLF line ends");
        return Arrays.asList(text.split("\r\n"));
    }

    @Test
    void exportsFilteredContactsWithCategoriesAttributesAndEscaping() {
        String tag = tag();
        String[] a = ContactResourceTest.randomFrenchMobile();
        String[] b = ContactResourceTest.randomFrenchMobile();
        String[] c = ContactResourceTest.randomFrenchMobile();
        String idA = create(a[0], "=HYPERLINK(\"http://evil\")", tag + "A", Map.of("ville", "Lyon; centre", "code", "-1+2"));
        create(b[0], "@SUM(A1)", tag + "B", Map.of("ville", "+33 Paris"));
        create(c[0], "Other", "Nobody", Map.of());
        String cat1 = category("Clients " + tag);
        String cat2 = category("A-liste " + tag);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "add_to_category", "ids", List.of(idA), "categoryId", cat1))
                .post("/api/contacts/bulk").then().statusCode(200).body("affected", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "add_to_category", "ids", List.of(idA), "categoryId", cat2))
                .post("/api/contacts/bulk").then().statusCode(200);

        List<String> lines = lines(export("/api/contacts/export.csv", Map.of("q", tag, "optedOut", false)));
        // Header: the fixed columns, then the attribute keys present among the exported contacts, sorted.
        assertEquals("phone_e164;country;first_name;last_name;categories;opted_out;whatsapp_status;code;ville",
                lines.get(0));
        assertEquals(3, lines.size(), "header + the two tagged contacts: " + lines);
        String rowA = lines.stream().filter(l -> l.startsWith(a[1])).findFirst().orElseThrow();
        String rowB = lines.stream().filter(l -> l.startsWith(b[1])).findFirst().orElseThrow();
        // Formula cells are prefixed with ', quoted when they hold a quote or the separator; categories sorted, '|'.
        assertEquals(a[1] + ";FR;\"'=HYPERLINK(\"\"http://evil\"\")\";" + tag + "A;A-liste " + tag + "|Clients " + tag
                + ";false;unknown;'-1+2;\"Lyon; centre\"", rowA);
        assertEquals(b[1] + ";FR;'@SUM(A1);" + tag + "B;;false;unknown;;'+33 Paris", rowB);

        // Comma separator on request; the opted-out filter applies.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("action", "opt_out", "ids", List.of(idA))).post("/api/contacts/bulk").then().statusCode(200);
        List<String> comma = lines(export("/api/contacts/export.csv", Map.of("q", tag, "optedOut", true,
                "separator", "comma")));
        assertEquals(2, comma.size(), comma.toString());
        assertTrue(comma.get(0).startsWith("phone_e164,country,first_name,"), comma.get(0));
        assertTrue(comma.get(1).startsWith(a[1] + ",FR,\"'=HYPERLINK"), comma.get(1));
        assertTrue(comma.get(1).contains(",true,unknown,'-1+2,\"Lyon; centre\""), comma.get(1));

        // The category alias exports exactly the members.
        List<String> members = lines(export("/api/categories/" + cat1 + "/export.csv", Map.of()));
        assertEquals(2, members.size(), members.toString());
        assertTrue(members.get(1).startsWith(a[1] + ";"), members.get(1));
        // The list's categoryId filter gives the same selection.
        assertEquals(members, lines(export("/api/contacts/export.csv", Map.of("categoryId", cat1))));
    }

    @Test
    void exportWithoutMatchesHasTheHeaderOnly() {
        List<String> lines = lines(export("/api/contacts/export.csv", Map.of("q", tag())));
        assertEquals(List.of("phone_e164;country;first_name;last_name;categories;opted_out;whatsapp_status"), lines);
    }

    @Test
    void badExportRequestsAreProblems() {
        given().auth().oauth2(TestTokens.admin()).queryParam("separator", "tab").get("/api/contacts/export.csv")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("separator"));
        given().auth().oauth2(TestTokens.admin()).queryParam("whatsappStatus", "maybe").get("/api/contacts/export.csv")
                .then().statusCode(400).body("errors.field", hasItem("whatsappStatus"));
        given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + UUID.randomUUID() + "/export.csv")
                .then().statusCode(404);
        given().get("/api/contacts/export.csv").then().statusCode(401);
        given().get("/api/contacts/import-template.csv").then().statusCode(401);
    }

    @Test
    void importTemplateHasTheHeaderAndTwoValidExamples() {
        List<String> lines = lines(export("/api/contacts/import-template.csv", Map.of()));
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("phone;country;first_name;last_name;categories;ville", lines.get(0));
        for (String row : lines.subList(1, 3)) {
            String[] cells = row.split(";", -1);
            assertEquals(6, cells.length, row);
            assertTrue(PhoneNumbers.parse(cells[0], cells[1]).ok(), "example number parses: " + row);
        }
    }

    @Test
    void csvCellEscapesFormulasButKeepsE164Numbers() {
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("'+1+1", Csv.cell("+1+1"));
        assertEquals("'-5", Csv.cell("-5"));
        assertEquals("'@x", Csv.cell("@x"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
        assertEquals("+33612345678", Csv.cell("+33612345678"));
        assertEquals("\"a;b\"", Csv.cell("a;b"));
        assertEquals("a;\"b\"\"c\"\r\n", Csv.row(List.of("a", "b\"c"), ';'));
    }
}
