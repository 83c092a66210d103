package app.relais.delivery;

import static io.restassured.RestAssured.given;

import app.relais.testsupport.Db;
import app.relais.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Contacts, categories and campaigns for the engine tests, written with SQL and the API. */
public final class EngineFixtures {

    private EngineFixtures() {
    }

    /** The test tokens' users, so audit rows and created_by have their foreign keys. */
    public static void ensureTestUsers() {
        exec("INSERT INTO users (id, email, password_hash, role) VALUES (?, 'superadmin@test.local', 'x', 'super_admin'),"
                + " (?, 'admin@test.local', 'x', 'admin') ON CONFLICT DO NOTHING", TestTokens.SUPER_ADMIN_ID, TestTokens.ADMIN_ID);
    }

    public static String randomPhone() {
        return "+336399" + (100_000 + ThreadLocalRandom.current().nextInt(899_999));
    }

    public static UUID contact(String firstName) {
        return contact(firstName, "{}");
    }

    public static UUID contact(String firstName, String attributesJson) {
        for (int i = 0; i < 5; i++) {
            try {
                return queryOne("INSERT INTO contacts (phone_e164, first_name, attributes) VALUES (?, ?, ?::jsonb) RETURNING id",
                        randomPhone(), firstName, attributesJson);
            } catch (IllegalStateException e) {
                // a random number already taken: draw again
            }
        }
        throw new IllegalStateException("no free phone number");
    }

    public static UUID category() {
        return queryOne("INSERT INTO categories (name) VALUES (?) RETURNING id", "Cat " + UUID.randomUUID());
    }

    public static void addToCategory(UUID category, UUID... contacts) {
        for (UUID c : contacts) {
            exec("INSERT INTO category_contacts (category_id, contact_id) VALUES (?, ?)", category, c);
        }
    }

    public static String phoneOf(UUID contact) {
        return queryOne("SELECT phone_e164 FROM contacts WHERE id = ?", contact);
    }

    /** Creates a campaign through the API; returns its id. */
    public static UUID createCampaign(Map<String, Object> body) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        b.putIfAbsent("name", "Campagne " + UUID.randomUUID());
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(b)
                .post("/api/campaigns").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static Response launch(UUID campaign) {
        return given().auth().oauth2(TestTokens.admin()).post("/api/campaigns/" + campaign + "/launch");
    }

    public static Response action(UUID campaign, String action) {
        return given().auth().oauth2(TestTokens.admin()).post("/api/campaigns/" + campaign + "/" + action);
    }

    public static String status(UUID campaign) {
        return queryOne("SELECT status FROM campaigns WHERE id = ?", campaign);
    }

    /** Creates the provider received for this phone (the simulator keeps every create). */
    public static long createsAtProvider(String phone) {
        return ((Number) queryOne("SELECT count(*) FROM simulator_messages WHERE phone_e164 = ? AND direction = 'outbound-api'",
                phone)).longValue();
    }


    public static void reply(String phone, String body) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("from", phone, "body", body)).post("/api/simulator/inbound").then().statusCode(200);
    }

    public static Connection connect() throws SQLException {
        return Db.connect();
    }

    public static void exec(String sql, Object... args) {
        Db.exec(sql, args);
    }

    public static <T> T queryOne(String sql, Object... args) {
        return Db.queryOne(sql, args);
    }

    public static Map<String, Object> row(String sql, Object... args) {
        return Db.row(sql, args);
    }

    public static List<Map<String, Object>> rows(String sql, Object... args) {
        return Db.rows(sql, args);
    }

    public static long count(String sql, Object... args) {
        return Db.count(sql, args);
    }
}
