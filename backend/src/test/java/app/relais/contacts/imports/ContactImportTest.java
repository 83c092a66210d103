package app.relais.contacts.imports;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.contacts.ContactResourceTest;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
public class ContactImportTest {

    @Inject
    EntityManager em;

    /** The test users exist (audit and created_by foreign keys); the sample numbers start absent. */
    @BeforeEach
    @Transactional
    void clean() {
        em.createNativeQuery("INSERT INTO users (id, email, password_hash, role) VALUES"
                + " (?1, 'superadmin.test@relais.test', 'x', 'super_admin'), (?2, 'admin.test@relais.test', 'x', 'admin')"
                + " ON CONFLICT DO NOTHING").setParameter(1, TestTokens.SUPER_ADMIN_ID)
                .setParameter(2, TestTokens.ADMIN_ID).executeUpdate();
        em.createNativeQuery("DELETE FROM contacts WHERE phone_e164 LIKE '+3363998%' OR phone_e164 LIKE '+229%'"
                + " OR phone_e164 LIKE '+225%'").executeUpdate();
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = ContactImportTest.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    static RequestSpecification upload(String fileName, byte[] content) {
        return given().auth().oauth2(TestTokens.admin()).multiPart("file", fileName, content, "text/csv");
    }

    /** Starts an import and waits for its end; returns the finished job. */
    static JsonPath importAndWait(RequestSpecification spec) {
        String id = spec.post("/api/contacts/import").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.anyOf(equalTo("queued"), equalTo("running"), equalTo("completed")))
                .extract().path("id");
        return waitFor(id);
    }

    static JsonPath waitFor(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String s = given().auth().oauth2(TestTokens.admin()).get("/api/contacts/import/" + id).then()
                    .statusCode(200).extract().path("status");
            return "completed".equals(s) || "failed".equals(s);
        });
        return given().auth().oauth2(TestTokens.admin()).get("/api/contacts/import/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath contactByPhone(String e164) {
        Response r = given().auth().oauth2(TestTokens.admin()).queryParam("q", e164).get("/api/contacts");
        r.then().statusCode(200);
        List<Map<String, Object>> items = r.jsonPath().getList("items");
        for (Map<String, Object> c : items) {
            if (e164.equals(c.get("phone"))) {
                return given().auth().oauth2(TestTokens.admin()).get("/api/contacts/" + c.get("id")).then()
                        .statusCode(200).extract().jsonPath();
            }
        }
        return null;
    }

    static String errorsCsv(String jobId) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/contacts/import/" + jobId + "/errors.csv").then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
    }

    long countContacts() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM contacts").getSingleResult()).longValue();
    }

    // ------------------------------------------------------------------------------------------ samples

    @Test
    void seedFormatImportRepairsBeninNumbers() throws IOException {
        JsonPath job = importAndWait(upload("contacts_seed_format.csv", sample("contacts_seed_format.csv")));
        assertEquals("completed", job.getString("status"));
        assertEquals("UTF-8", job.getString("encoding"));
        assertEquals(",", job.getString("separator"));
        assertEquals(20, job.getInt("counts.rowsRead"));
        assertEquals(20, job.getInt("counts.created"));
        assertEquals(0, job.getInt("counts.failed"));
        assertEquals(7, job.getInt("counts.repaired"));
        // "+229,59408018" is an old 8-digit Benin number: stored with the 01 prefix.
        JsonPath repaired = contactByPhone("+2290159408018");
        assertEquals("François", repaired.getString("firstName"));
        assertEquals("BJ", repaired.getString("country"));
        assertTrue(contactByPhone("+2290198399897") != null, "a new 10-digit number is kept as is");
        assertTrue(contactByPhone("+33639988566") != null, "+33 with a national number");
        String csv = errorsCsv(job.getString("id"));
        assertTrue(csv.contains("2;59408018;réparé;") && csv.contains("+2290159408018"), csv);
    }

    @Test
    void excelFrenchCp1252Import() throws IOException {
        JsonPath job = importAndWait(upload("contacts_excel_fr_cp1252.csv", sample("contacts_excel_fr_cp1252.csv")));
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals("Windows-1252", job.getString("encoding"));
        assertEquals(";", job.getString("separator"));
        assertEquals(25, job.getInt("counts.rowsRead"));
        assertEquals(25, job.getInt("counts.created"));
        assertEquals(0, job.getInt("counts.failed"));
        // Row 3: "Bénédicte;Traoré;+33 6 39 98 25 05;"Clients fidèles;VIP";Paris"
        JsonPath c = contactByPhone("+33639982505");
        assertEquals("Bénédicte", c.getString("firstName"));
        assertEquals("Traoré", c.getString("lastName"));
        assertEquals("Paris", c.getString("attributes.ville"));
        List<String> categories = c.getList("categories.name");
        assertTrue(categories.contains("Clients fidèles") && categories.contains("VIP"), categories.toString());
        // "0033639980590" and "06.39.98.72.25" spellings.
        assertEquals("Jean", contactByPhone("+33639980590").getString("firstName"));
        assertEquals("Mamadou", contactByPhone("+33639987225").getString("firstName"));
    }

    @Test
    void utf8BomImportMergesTheDuplicateAndReportsTheInvalidNumber() throws IOException {
        JsonPath job = importAndWait(upload("contacts_utf8_bom_semicolon.csv", sample("contacts_utf8_bom_semicolon.csv")));
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals("UTF-8 (BOM)", job.getString("encoding"));
        assertEquals(15, job.getInt("counts.rowsRead"));
        assertEquals(13, job.getInt("counts.created"));
        assertEquals(1, job.getInt("counts.updated"));
        assertEquals(0, job.getInt("counts.skipped"));
        assertEquals(1, job.getInt("counts.failed"));
        assertEquals(1, job.getInt("counts.repaired"));
        JsonPath zoe = contactByPhone("+33639986461");
        assertEquals("Zoé", zoe.getString("firstName"));
        assertEquals("Durand (doublon)", zoe.getString("lastName"), "merge: the later non-empty value wins");
        assertEquals("Client depuis 2019; préfère le soir", zoe.getString("notes"));
        // Côte d'Ivoire: the new 10-digit number as is, the old 8-digit one repaired (69 → Orange 07).
        assertTrue(contactByPhone("+2250718530334") != null);
        assertEquals("Adjoua", contactByPhone("+2250769898819").getString("firstName"));
        String csv = errorsCsv(job.getString("id"));
        assertTrue(csv.startsWith("\uFEFFligne;telephone;statut;motif\r\n"), csv);
        assertTrue(csv.contains("\r\n4;12;échec;Numéro trop court.\r\n"), csv);
        assertTrue(csv.contains("7;'+225 69 89 88 19;réparé;"), "formula-safe raw phone: " + csv);
    }

    @Test
    void skipLeavesExistingContactsUntouched() throws IOException {
        byte[] file = sample("contacts_utf8_bom_semicolon.csv");
        importAndWait(upload("a.csv", file));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Changé")).patch("/api/contacts/" + contactByPhone("+33639988994").getString("id"))
                .then().statusCode(200);
        JsonPath job = importAndWait(upload("a.csv", file).multiPart("duplicates", "skip"));
        assertEquals(15, job.getInt("counts.rowsRead"));
        assertEquals(0, job.getInt("counts.created"));
        assertEquals(0, job.getInt("counts.updated"));
        assertEquals(14, job.getInt("counts.skipped"));
        assertEquals(1, job.getInt("counts.failed"));
        assertEquals("Changé", contactByPhone("+33639988994").getString("firstName"));
        JsonPath merged = importAndWait(upload("a.csv", file).multiPart("options", "{\"duplicates\":\"merge\"}"));
        assertEquals(14, merged.getInt("counts.updated"));
        assertEquals("Inès", contactByPhone("+33639988994").getString("firstName"));
    }

    @Test
    void mergeUpdatesNamesAndAddsAttributes() {
        String[] phone = ContactResourceTest.randomFrenchMobile();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", phone[1], "firstName", "Ancien", "lastName", "Nom",
                        "attributes", Map.of("ville", "Lyon", "age", "40")))
                .post("/api/contacts").then().statusCode(201);
        String csv = "mobile,prénom,nom,ville\r\n" + phone[0] + ",Nouveau,,Paris\r\n";
        JsonPath job = importAndWait(upload("m.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, job.getInt("counts.updated"));
        JsonPath c = contactByPhone(phone[1]);
        assertEquals("Nouveau", c.getString("firstName"));
        assertEquals("Nom", c.getString("lastName"), "an empty cell keeps the stored value");
        assertEquals("Paris", c.getString("attributes.ville"));
        assertEquals("40", c.getString("attributes.age"));
    }

    @Test
    void targetCategoryAndCategoryColumn() {
        String category = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Import cible " + UUID.randomUUID())).post("/api/categories").then()
                .statusCode(201).extract().path("id");
        String[] a = ContactResourceTest.randomFrenchMobile();
        String[] b = ContactResourceTest.randomFrenchMobile();
        String tag = "Tag" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "phone;categories\n" + a[0] + ";" + tag + "|Autre " + tag + "\n" + b[0] + ";\n";
        JsonPath job = importAndWait(upload("c.csv", csv.getBytes(StandardCharsets.UTF_8))
                .multiPart("targetCategoryId", category));
        assertEquals(2, job.getInt("counts.created"));
        given().auth().oauth2(TestTokens.admin()).get("/api/categories/" + category).then().statusCode(200)
                .body("contactCount", equalTo(2));
        List<String> names = contactByPhone(a[1]).getList("categories.name");
        assertTrue(names.contains(tag) && names.contains("Autre " + tag) && names.size() == 3, names.toString());
        assertEquals(1, contactByPhone(b[1]).getList("categories").size());
        upload("c.csv", csv.getBytes(StandardCharsets.UTF_8)).multiPart("targetCategoryId", UUID.randomUUID().toString())
                .post("/api/contacts/import").then().statusCode(404);
    }

    @Test
    void dryRunWritesNoContact() {
        String[] a = ContactResourceTest.randomFrenchMobile();
        String csv = "Téléphone,Prénom\n" + a[0] + ",Essai\nabc,Faux\n";
        JsonPath job = importAndWait(upload("d.csv", csv.getBytes(StandardCharsets.UTF_8)).multiPart("dryRun", "true"));
        assertEquals("completed", job.getString("status"));
        assertTrue(job.getBoolean("dryRun"));
        assertEquals(1, job.getInt("counts.created"));
        assertEquals(1, job.getInt("counts.failed"));
        assertEquals(null, contactByPhone(a[1]));
        assertTrue(errorsCsv(job.getString("id")).contains("3;abc;échec;Ce n'est pas un numéro de téléphone."));
    }

    @Test
    void dryRunCountsWhatTheRealRunDoesWhenANumberComesBackInALaterChunk() {
        // 4,000 numbers written three times over 12,000 lines: with chunks of 5,000 rows, most repeats
        // fall in another chunk (and, with two writers, are still written by the same one).
        java.util.Set<String> numbers = new java.util.LinkedHashSet<>();
        while (numbers.size() < 4000) {
            numbers.add(ContactResourceTest.randomFrenchMobile()[1]);
        }
        StringBuilder csv = new StringBuilder("Téléphone,Prénom\n");
        for (int round = 0; round < 3; round++) {
            for (String n : numbers) {
                csv.append(n).append(",Tour ").append(round).append('\n');
            }
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        JsonPath dry = importAndWait(upload("dry.csv", file).multiPart("dryRun", "true"));
        assertEquals("completed", dry.getString("status"));
        assertEquals(4000, dry.getInt("counts.created"), "a number met again is not created twice");
        JsonPath real = importAndWait(upload("real.csv", file));
        assertEquals("completed", real.getString("status"));
        for (String count : List.of("created", "updated", "skipped", "failed", "rowsRead")) {
            assertEquals(real.getInt("counts." + count), dry.getInt("counts." + count), count);
        }
    }

    // ------------------------------------------------------------------------------------------ preview

    @Test
    void previewDetectsFormatSuggestsMappingAndChecksRows() throws IOException {
        long before = countContacts();
        upload("contacts_excel_fr_cp1252.csv", sample("contacts_excel_fr_cp1252.csv"))
                .post("/api/contacts/import/preview").then().statusCode(200)
                .body("encoding", equalTo("Windows-1252"))
                .body("separator", equalTo(";"))
                .body("headers", equalTo(List.of("Prénom", "Nom", "Téléphone", "Catégorie", "Ville")))
                .body("suggestedMapping.Prénom", equalTo("first_name"))
                .body("suggestedMapping.Nom", equalTo("last_name"))
                .body("suggestedMapping.Téléphone", equalTo("phone"))
                .body("suggestedMapping.Catégorie", equalTo("categories"))
                .body("suggestedMapping.Ville", equalTo("attribute"))
                .body("totalRows", equalTo(25))
                .body("rows.size()", equalTo(20))
                .body("rows[1].categories", equalTo(List.of("Clients fidèles", "VIP")))
                .body("rows[0].status", equalTo("ok"));
        JsonPath p = upload("contacts_utf8_bom_semicolon.csv", sample("contacts_utf8_bom_semicolon.csv"))
                .post("/api/contacts/import/preview").then().statusCode(200).extract().jsonPath();
        assertEquals("UTF-8 (BOM)", p.getString("encoding"));
        assertEquals("notes", p.getString("suggestedMapping.notes"));
        assertEquals("phone", p.getString("suggestedMapping.telephone"));
        assertEquals("duplicate", p.getString("rows[1].status"));
        assertEquals(3, p.getInt("rows[1].line"));
        assertEquals("invalid", p.getString("rows[2].status"));
        assertEquals("too_short", p.getString("rows[2].reason"));
        assertEquals("Numéro trop court.", p.getString("rows[2].message"));
        assertEquals("repaired", p.getString("rows[4].status"));
        assertEquals("+2250769898819", p.getString("rows[4].phone"));
        assertEquals(6, p.getInt("rows[3].line"), "the empty line 5 is skipped, line numbers stay the file's");
        assertEquals(before, countContacts(), "a preview writes nothing");
        // Seed format: country_code + phone_number recognised.
        upload("s.csv", sample("contacts_seed_format.csv")).post("/api/contacts/import/preview").then()
                .statusCode(200).body("suggestedMapping.country_code", equalTo("country"))
                .body("suggestedMapping.phone_number", equalTo("phone"))
                .body("rows[0].status", equalTo("repaired"))
                .body("rows[0].phone", equalTo("+2290159408018"));
        // An explicit mapping overrides the suggestion; an unknown column is refused.
        upload("s.csv", sample("contacts_seed_format.csv")).multiPart("mapping", "{\"last_name\":\"ignore\"}")
                .post("/api/contacts/import/preview").then().statusCode(200)
                .body("suggestedMapping.last_name", equalTo("ignore"));
        upload("s.csv", sample("contacts_seed_format.csv")).multiPart("mapping", "{\"absent\":\"phone\"}")
                .post("/api/contacts/import/preview").then().statusCode(400)
                .body("errors.field", hasItem("mapping.absent"));
    }

    // ------------------------------------------------------------------------------------------ hostile files

    @Test
    void hostileFilesAreRefusedAndNothingIsLost() throws IOException {
        String[] keep = ContactResourceTest.randomFrenchMobile();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("phone", keep[1], "firstName", "Gardé")).post("/api/contacts").then().statusCode(201);
        long before = countContacts();

        byte[] binary = new byte[8192];
        new java.util.Random(42).nextBytes(binary);
        binary[100] = 0;
        for (String path : List.of("/api/contacts/import", "/api/contacts/import/preview")) {
            upload("photo.png", binary).post(path).then().statusCode(422)
                    .contentType(containsString("application/problem+json")).body("code", equalTo("import-binary"));
        }
        upload("contacts_broken.csv", sample("contacts_broken.csv")).post("/api/contacts/import").then()
                .statusCode(422).body("code", equalTo("import-binary")).body("line", equalTo(4));

        String unclosed = "phone,first_name\n+33639981234,\"Jean\n+33639981235,Marie\n+33639981236,Paul\n";
        upload("q.csv", unclosed.getBytes(StandardCharsets.UTF_8)).post("/api/contacts/import").then()
                .statusCode(422).body("code", equalTo("import-malformed")).body("reason", equalTo("unclosed_quote"))
                .body("line", equalTo(2)).body("detail", containsString("guillemet"));

        StringBuilder wide = new StringBuilder("phone");
        for (int i = 1; i < 10_000; i++) {
            wide.append(",c").append(i);
        }
        wide.append("\n+33639981234\n");
        upload("wide.csv", wide.toString().getBytes(StandardCharsets.UTF_8)).post("/api/contacts/import").then()
                .statusCode(422).body("code", equalTo("import-malformed")).body("reason", equalTo("too_many_columns"));

        upload("notes.txt", "Bonjour,\nceci est une lettre.\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/contacts/import").then().statusCode(422).body("code", equalTo("import-no-phone-column"));
        upload("empty.csv", new byte[0]).post("/api/contacts/import").then().statusCode(422)
                .body("code", equalTo("import-empty"));
        given().auth().oauth2(TestTokens.admin()).multiPart("defaultCountry", "FR").post("/api/contacts/import")
                .then().statusCode(400).body("errors.field", hasItem("file"));
        upload("x.csv", "phone\n0639981234\n".getBytes(StandardCharsets.UTF_8)).multiPart("duplicates", "replace")
                .post("/api/contacts/import").then().statusCode(400).body("errors.field", hasItem("duplicates"));

        Path big = Files.createTempFile("relais-import-big", ".csv");
        try {
            byte[] line = "06 39 98 12 34;Prénom;Nom;une colonne de remplissage assez longue\r\n"
                    .getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big))) {
                out.write("téléphone;prénom;nom;notes\r\n".getBytes(StandardCharsets.UTF_8));
                for (long written = 0; written < 51L * 1024 * 1024; written += line.length) {
                    out.write(line);
                }
            }
            File f = big.toFile();
            given().auth().oauth2(TestTokens.admin()).multiPart("file", f, "text/csv").post("/api/contacts/import")
                    .then().statusCode(413).contentType(containsString("application/problem+json"))
                    .body("code", equalTo("import-too-large"));
        } finally {
            Files.deleteIfExists(big);
        }

        assertEquals(before, countContacts(), "no contact created or deleted by a refused file");
        assertEquals("Gardé", contactByPhone(keep[1]).getString("firstName"));
    }

    // ------------------------------------------------------------------------------------------ jobs and roles

    @Test
    void jobsAreListedAndProtected() {
        String[] a = ContactResourceTest.randomFrenchMobile();
        JsonPath job = importAndWait(upload("l.csv", ("phone\n" + a[0] + "\n").getBytes(StandardCharsets.UTF_8)));
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 200).get("/api/contacts/import").then()
                .statusCode(200).body("items.id", hasItem(job.getString("id")));
        given().auth().oauth2(TestTokens.admin()).get("/api/contacts/import/" + UUID.randomUUID()).then()
                .statusCode(404);
        given().multiPart("file", "a.csv", "phone\n0639981234\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/contacts/import").then().statusCode(401);
        given().multiPart("file", "a.csv", "phone\n0639981234\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/contacts/import/preview").then().statusCode(401);
        given().get("/api/contacts/import").then().statusCode(401);
        given().get("/api/contacts/import/" + job.getString("id")).then().statusCode(401);
        given().get("/api/contacts/import/" + job.getString("id") + "/errors.csv").then().statusCode(401);
        assertFalse(job.getString("createdBy").isEmpty());
    }

    @Test
    void largerImportSpansSeveralChunksWithProgress() {
        StringBuilder csv = new StringBuilder("numero;prenom\n");
        int n = 12_000;
        for (int i = 0; i < n; i++) {
            csv.append("+2290197").append(String.format("%06d", i)).append(";P").append(i).append('\n');
        }
        csv.append("pas un numéro;X\n");
        JsonPath job = importAndWait(upload("big.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(n + 1, job.getInt("counts.rowsRead"));
        assertEquals(n + 2, job.getInt("lastLine"));
        assertEquals(n, job.getInt("counts.created"));
        assertEquals(1, job.getInt("counts.failed"));
        assertEquals(n, ((Number) em.createNativeQuery("SELECT count(*) FROM contacts WHERE phone_e164 LIKE '+2290197%'")
                .getSingleResult()).intValue());
    }

    /**
     * Two writers share each chunk by phone number: a number repeated in a later chunk is merged by the
     * writer that wrote it first, categories named in a different order and a target category (the
     * order in which two writers could deadlock on the categories' counters) end with exact counts.
     */
    @Test
    void parallelWritersMergeRepeatedNumbersAndCountMembersExactly() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String target = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Cible " + tag)).post("/api/categories").then().statusCode(201)
                .extract().path("id");
        StringBuilder csv = new StringBuilder("numero;prenom;categories\n");
        int n = 11_000;
        for (int i = 0; i < n; i++) {
            String cats = i % 2 == 0 ? "Alpha " + tag + "|Beta " + tag : "Beta " + tag + "|Alpha " + tag + "|Cible " + tag;
            csv.append("+2290196").append(String.format("%06d", i)).append(";Premier").append(i).append(';')
                    .append(cats).append('\n');
        }
        // The first 1,000 numbers again, in another chunk: merged, with the later first name.
        for (int i = 0; i < 1_000; i++) {
            csv.append("+2290196").append(String.format("%06d", i)).append(";Second").append(i).append(";\n");
        }
        JsonPath job = importAndWait(upload("parallel.csv", csv.toString().getBytes(StandardCharsets.UTF_8))
                .multiPart("targetCategoryId", target));
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(n + 1_000, job.getInt("counts.rowsRead"));
        assertEquals(n, job.getInt("counts.created"));
        assertEquals(1_000, job.getInt("counts.updated"));
        assertEquals(n + 1_000 + 1, job.getInt("lastLine"));
        assertEquals("Second7", contactByPhone("+2290196000007").getString("firstName"));
        assertEquals("Premier1007", contactByPhone("+2290196001007").getString("firstName"));
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNativeQuery("SELECT c.name, c.member_count, (SELECT count(*) FROM category_contacts cc"
                + " WHERE cc.category_id = c.id) FROM categories c WHERE c.name LIKE '% " + tag + "' ORDER BY c.name")
                .getResultList();
        assertEquals(3, counts.size());
        for (Object[] row : counts) {
            // Every row names Alpha and Beta; Cible is named by half of them and is the target of all.
            assertEquals(n, ((Number) row[2]).longValue(), "members of " + row[0]);
            assertEquals(((Number) row[2]).longValue(), ((Number) row[1]).longValue(), "member_count of " + row[0]);
        }
    }

    @Test
    void aNumberIsAlwaysWrittenByTheSameWriter() {
        ImportRow a = ImportRow.read(List.of("+2290196000001"), 2, List.of(ImportField.PHONE), List.of("numero"), "BJ");
        ImportRow b = ImportRow.read(List.of("01 96 00 00 01"), 900, List.of(ImportField.PHONE), List.of("numero"), "BJ");
        assertEquals(a.e164, b.e164, "the same number written two ways");
        for (int writers = 1; writers <= 4; writers++) {
            assertEquals(ImportService.writerOf(a, writers), ImportService.writerOf(b, writers));
            assertTrue(ImportService.writerOf(a, writers) < writers);
        }
    }
}
