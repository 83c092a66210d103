package app.relais.whatsapp;

import app.relais.testsupport.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Rows the webhook tests need, written and read with plain JDBC on the test database. */
final class WhatsAppFixtures {

    private WhatsAppFixtures() {
    }


    static String randomPhone() {
        return "+336" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static String randomSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    static UUID contact(String phone) {
        return queryOne("INSERT INTO contacts (phone_e164) VALUES (?) RETURNING id", phone);
    }

    static UUID campaign() {
        return queryOne("INSERT INTO campaigns (name, status, message1_body) VALUES (?, 'sending', 'Bonjour') RETURNING id",
                "Campagne " + UUID.randomUUID());
    }

    /** An outbound Message 1 at {@code status}, with or without a Twilio SID. */
    static UUID message1(UUID campaignId, UUID contactId, String sid, String status) {
        return queryOne("INSERT INTO messages (campaign_id, contact_id, kind, direction, body, twilio_sid, status)"
                + " VALUES (?, ?, 'message_1', 'outbound', 'Bonjour', ?, ?) RETURNING id", campaignId, contactId, sid, status);
    }

    static UUID testMessage(UUID contactId) {
        return queryOne("INSERT INTO messages (contact_id, kind, direction, body, status)"
                + " VALUES (?, 'test', 'outbound', 'Test', 'queued') RETURNING id", contactId);
    }

    static Connection connect() throws SQLException {
        return Db.connect();
    }

    static void exec(String sql, Object... args) {
        Db.exec(sql, args);
    }

    static <T> T queryOne(String sql, Object... args) {
        return Db.queryOne(sql, args);
    }

    static Map<String, Object> row(String sql, Object... args) {
        return Db.row(sql, args);
    }

    static List<Map<String, Object>> rows(String sql, Object... args) {
        return Db.rows(sql, args);
    }

    static long count(String sql, Object... args) {
        return Db.count(sql, args);
    }
}
