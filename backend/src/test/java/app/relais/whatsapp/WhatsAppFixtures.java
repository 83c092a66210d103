package app.relais.whatsapp;

import app.relais.testsupport.RelaisTestResources;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Rows the webhook tests need, written and read with plain JDBC on the test database. */
final class WhatsAppFixtures {

    private WhatsAppFixtures() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(RelaisTestResources.jdbcUrl(), RelaisTestResources.dbUser(),
                RelaisTestResources.dbPassword());
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

    static void exec(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T queryOne(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : (T) rows.get(0).values().iterator().next();
    }

    static Map<String, Object> row(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean hasResult = ps.execute();
            if (!hasResult) {
                return rows;
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
