package app.relais.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * V18: messages.campaign_id is checked by statement-level triggers instead of a foreign key (one check
 * per statement and campaign, not one per row). The guarantees of the foreign key hold: an unknown
 * campaign is refused with SQLSTATE 23503 and the constraint's name, deleting a campaign deletes its
 * messages, a delete racing an insert never leaves a message without its campaign (in either order),
 * a referenced campaign id cannot change, TRUNCATE ... CASCADE empties messages.
 */
class MessagesCampaignReferenceTest {

    private static String db;

    @BeforeAll
    static void migrate() throws Exception {
        new RelaisTestResources().start();
        db = DatabaseScriptsTest.freshDatabase();
        Flyway.configure().dataSource(DatabaseScriptsTest.url(db), RelaisTestResources.dbUser(), RelaisTestResources.dbPassword())
                .locations("filesystem:" + Path.of("..", "database", "migrations").toAbsolutePath()).load().migrate();
    }

    private static Connection connect() throws SQLException {
        return DatabaseScriptsTest.connect(db);
    }

    private static UUID campaign(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("INSERT INTO campaigns (name, message1_body) VALUES ('c', 'hi') RETURNING id")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private static UUID contact(Connection c) throws SQLException {
        String phone = "+3361" + (10_000_000 + (int) (Math.random() * 89_999_999));
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("INSERT INTO contacts (phone_e164) VALUES ('" + phone + "') RETURNING id")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private static void insertMessages(Connection c, UUID campaignId, UUID... contacts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (campaign_id, contact_id, kind, direction,"
                + " to_address, status) SELECT ?, x, 'message_1', 'outbound', 'whatsapp:+33600000000', 'queued'"
                + " FROM unnest(?::uuid[]) AS x")) {
            ps.setObject(1, campaignId);
            ps.setArray(2, c.createArrayOf("uuid", contacts));
            ps.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anUnknownCampaignIsRefusedAsByTheForeignKey() throws Exception {
        try (Connection c = connect()) {
            UUID known = campaign(c);
            UUID unknown = UUID.randomUUID();
            UUID a = contact(c);
            UUID b = contact(c);
            PSQLException e = assertThrows(PSQLException.class, () -> insertMessages(c, unknown, a));
            assertEquals("23503", e.getSQLState());
            assertEquals("messages_campaign_id_fkey", e.getServerErrorMessage().getConstraint());
            assertTrue(e.getServerErrorMessage().getDetail().contains(unknown.toString()), e.getMessage());
            // A multi-row statement with one good and one unknown campaign is refused whole.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (campaign_id, contact_id, kind, direction,"
                    + " to_address, status) VALUES (?, ?, 'message_1', 'outbound', 'w', 'queued'),"
                    + " (?, ?, 'message_1', 'outbound', 'w', 'queued')")) {
                ps.setObject(1, known);
                ps.setObject(2, a);
                ps.setObject(3, unknown);
                ps.setObject(4, b);
                assertEquals("23503", assertThrows(PSQLException.class, ps::executeUpdate).getSQLState());
            }
            assertEquals(0, count(c, "SELECT count(*) FROM messages WHERE campaign_id = '" + known + "'"));
            // Moving a message to an unknown campaign is refused; a message without a campaign is fine.
            insertMessages(c, known, a);
            try (Statement st = c.createStatement()) {
                PSQLException moved = assertThrows(PSQLException.class, () -> st.executeUpdate(
                        "UPDATE messages SET campaign_id = '" + unknown + "' WHERE campaign_id = '" + known + "'"));
                assertEquals("23503", moved.getSQLState());
                st.executeUpdate("INSERT INTO messages (contact_id, kind, direction, to_address, status)"
                        + " VALUES ('" + a + "', 'manual', 'outbound', 'w', 'queued')");
            }
            assertEquals(1, count(c, "SELECT count(*) FROM messages WHERE campaign_id = '" + known + "'"));
        }
    }

    @Test
    void deletingACampaignDeletesItsMessagesAndAReferencedIdCannotChange() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            UUID kept = campaign(c);
            UUID gone = campaign(c);
            UUID a = contact(c);
            UUID b = contact(c);
            insertMessages(c, kept, a, b);
            insertMessages(c, gone, a, b);
            PSQLException e = assertThrows(PSQLException.class,
                    () -> st.executeUpdate("UPDATE campaigns SET id = gen_random_uuid() WHERE id = '" + kept + "'"));
            assertEquals("23503", e.getSQLState());
            st.executeUpdate("DELETE FROM campaigns WHERE id = '" + gone + "'");
            assertEquals(0, count(c, "SELECT count(*) FROM messages WHERE campaign_id = '" + gone + "'"));
            assertEquals(2, count(c, "SELECT count(*) FROM messages WHERE campaign_id = '" + kept + "'"));
        }
    }

    /** The delete starts first and commits after the insert began: the insert waits, then fails; no orphan. */
    @Test
    void anInsertRacingADeleteThatCommitsFirstIsRefused() throws Exception {
        UUID id;
        UUID a;
        try (Connection c = connect()) {
            id = campaign(c);
            a = contact(c);
        }
        try (Connection deleter = connect(); Connection inserter = connect()) {
            deleter.setAutoCommit(false);
            try (Statement st = deleter.createStatement()) {
                st.executeUpdate("DELETE FROM campaigns WHERE id = '" + id + "'");
            }
            UUID campaignId = id;
            UUID contactId = a;
            CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
                try {
                    insertMessages(inserter, campaignId, contactId);
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertTrue(!insert.isDone(), "the insert waits for the delete's transaction");
            deleter.commit();
            Exception e = assertThrows(Exception.class, () -> insert.get(10, TimeUnit.SECONDS));
            assertEquals("23503", ((PSQLException) e.getCause().getCause()).getSQLState());
        }
        try (Connection c = connect()) {
            assertEquals(0, count(c, "SELECT count(*) FROM messages WHERE campaign_id = '" + id + "'"));
        }
    }

    /** The insert commits while the delete waits: the delete's cascade sees and deletes its rows. */
    @Test
    void aDeleteRacingAnInsertThatCommitsFirstDeletesItsMessages() throws Exception {
        UUID id;
        UUID a;
        try (Connection c = connect()) {
            id = campaign(c);
            a = contact(c);
        }
        try (Connection inserter = connect(); Connection deleter = connect()) {
            inserter.setAutoCommit(false);
            insertMessages(inserter, id, a);
            UUID campaignId = id;
            CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(() -> {
                try (Statement st = deleter.createStatement()) {
                    return st.executeUpdate("DELETE FROM campaigns WHERE id = '" + campaignId + "'");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertTrue(!delete.isDone(), "the delete waits for the insert's transaction (FOR KEY SHARE)");
            inserter.commit();
            assertEquals(1, delete.get(10, TimeUnit.SECONDS));
        }
        try (Connection c = connect()) {
            assertEquals(0, count(c, "SELECT count(*) FROM messages WHERE campaign_id = '" + id + "'"));
            assertEquals(0, count(c, "SELECT count(*) FROM messages m WHERE m.campaign_id IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM campaigns k WHERE k.id = m.campaign_id)"));
        }
    }

    @Test
    void truncatingCampaignsEmptiesMessages() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            insertMessages(c, campaign(c), contact(c));
            st.execute("TRUNCATE campaigns CASCADE");
            assertEquals(0, count(c, "SELECT count(*) FROM messages WHERE campaign_id IS NOT NULL"));
            c.rollback();
        }
    }
}
