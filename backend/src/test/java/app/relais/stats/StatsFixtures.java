package app.relais.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Rows written with plain SQL, as the engine and the webhook would write them. */
final class StatsFixtures {

    private StatsFixtures() {
    }

    static UUID contact(Connection c, String firstName) throws SQLException {
        UUID id = UUID.randomUUID();
        String phone = "+2299" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999))
                + ThreadLocalRandom.current().nextInt(10);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO contacts (id, phone_e164, first_name, last_name) VALUES (?, ?, ?, 'Test')")) {
            ps.setObject(1, id);
            ps.setString(2, phone);
            ps.setString(3, firstName);
            ps.executeUpdate();
        }
        return id;
    }

    static UUID campaign(Connection c, String name) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO campaigns (id, name, status, message1_body) VALUES (?, ?, 'sending', 'Bonjour')")) {
            ps.setObject(1, id);
            ps.setString(2, name + " " + id.toString().substring(0, 8));
            ps.executeUpdate();
        }
        return id;
    }

    static UUID message(Connection c, UUID campaign, UUID contact, String kind, String status, OffsetDateTime queuedAt)
            throws SQLException {
        UUID id = UUID.randomUUID();
        boolean inbound = "reply".equals(kind);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages (id, campaign_id, contact_id, kind, direction, body, status, queued_at, received_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'Bonjour', ?, ?, ?, ?)
                """)) {
            ps.setObject(1, id);
            ps.setObject(2, campaign);
            ps.setObject(3, contact);
            ps.setString(4, kind);
            ps.setString(5, inbound ? "inbound" : "outbound");
            ps.setString(6, status);
            ps.setObject(7, queuedAt);
            ps.setObject(8, inbound ? queuedAt : null);
            ps.setObject(9, queuedAt);
            ps.executeUpdate();
        }
        return id;
    }

    /** Applies a callback the way the webhook does: only a forward move is written, timestamps set once. */
    static boolean applyForward(Connection c, UUID message, String status, OffsetDateTime at, Integer errorCode)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE messages SET status = ?,
                    sent_at = CASE WHEN ? = 'sent' THEN coalesce(sent_at, ?) ELSE sent_at END,
                    delivered_at = CASE WHEN ? = 'delivered' THEN coalesce(delivered_at, ?) ELSE delivered_at END,
                    read_at = CASE WHEN ? = 'read' THEN coalesce(read_at, ?) ELSE read_at END,
                    failed_at = CASE WHEN ? IN ('failed', 'undelivered') THEN coalesce(failed_at, ?) ELSE failed_at END,
                    error_code = CASE WHEN ? IN ('failed', 'undelivered') THEN ? ELSE error_code END,
                    updated_at = now()
                WHERE id = ? AND (CASE status WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2
                        WHEN 'failed' THEN 3 WHEN 'undelivered' THEN 3 WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 END)
                    < (CASE ? WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2
                        WHEN 'failed' THEN 3 WHEN 'undelivered' THEN 3 WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 END)
                """)) {
            int i = 1;
            ps.setString(i++, status);
            for (int k = 0; k < 4; k++) {
                ps.setString(i++, status);
                ps.setObject(i++, at);
            }
            ps.setString(i++, status);
            ps.setObject(i++, errorCode);
            ps.setObject(i++, message);
            ps.setString(i, status);
            return ps.executeUpdate() == 1;
        }
    }
}
