package app.relais.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.util.PSQLException;

/**
 * The references of a message to its campaign and its contact, whatever enforces them: since V18 the
 * campaign is checked by statement-level triggers (one check per statement, not one per row: a
 * 100,000-recipient launch is one statement), the contact by its foreign key (a statement-level check
 * of the contacts, tried as V19, measured no faster end to end: docs/benchmarks/engine.md). For both: an
 * unknown parent is refused with SQLSTATE 23503 and the constraint's name, deleting a parent deletes its
 * messages, a delete racing an insert never leaves a message without its parent (in either order), a
 * referenced id cannot change, TRUNCATE ... CASCADE of the parent table deletes the messages.
 */
class MessagesReferencesTest {

    /** A referenced table: its name, the messages column, the constraint the triggers name. */
    enum Parent {
        CAMPAIGN("campaigns", "campaign_id", "messages_campaign_id_fkey"),
        CONTACT("contacts", "contact_id", "messages_contact_id_fkey");

        final String table;
        final String column;
        final String constraint;

        Parent(String table, String column, String constraint) {
            this.table = table;
            this.column = column;
            this.constraint = constraint;
        }
    }

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

    private static UUID returningId(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private static UUID campaign(Connection c) throws SQLException {
        return returningId(c, "INSERT INTO campaigns (name, message1_body) VALUES ('c', 'hi') RETURNING id");
    }

    private static UUID contact(Connection c) throws SQLException {
        return returningId(c, "INSERT INTO contacts (phone_e164) VALUES ('+3361" + (10_000_000 + (int) (Math.random() * 89_999_999))
                + "') RETURNING id");
    }

    private static UUID parent(Connection c, Parent p) throws SQLException {
        return p == Parent.CAMPAIGN ? campaign(c) : contact(c);
    }

    /** One Message 1 per (campaign, contact) pair given as alternating ids, in one statement. */
    private static void insertMessages(Connection c, UUID... campaignContactPairs) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO messages (campaign_id, contact_id, kind, direction, to_address, status) VALUES ");
        for (int i = 0; i < campaignContactPairs.length; i += 2) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, 'message_1', 'outbound', 'whatsapp:+33600000000', 'queued')");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < campaignContactPairs.length; i++) {
                ps.setObject(i + 1, campaignContactPairs[i]);
            }
            ps.executeUpdate();
        }
    }

    /** A message whose parent p is {@code parentId}, its other parent a fresh row. */
    private static void insertMessageFor(Connection c, Parent p, UUID parentId) throws SQLException {
        if (p == Parent.CAMPAIGN) {
            insertMessages(c, parentId, contact(c));
        } else {
            insertMessages(c, campaign(c), parentId);
        }
    }

    private static long messagesOf(Connection c, Parent p, UUID id) throws SQLException {
        return count(c, "SELECT count(*) FROM messages WHERE " + p.column + " = '" + id + "'");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long orphans(Connection c) throws SQLException {
        return count(c, "SELECT count(*) FROM messages m WHERE (m.campaign_id IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM campaigns k WHERE k.id = m.campaign_id))"
                + " OR NOT EXISTS (SELECT 1 FROM contacts ct WHERE ct.id = m.contact_id)");
    }

    @ParameterizedTest
    @EnumSource(Parent.class)
    void anUnknownParentIsRefusedAsByTheForeignKey(Parent p) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            UUID campaign = campaign(c);
            UUID a = contact(c);
            UUID b = contact(c);
            UUID unknown = UUID.randomUUID();
            PSQLException e = assertThrows(PSQLException.class, () -> insertMessageFor(c, p, unknown));
            assertEquals("23503", e.getSQLState());
            assertEquals(p.constraint, e.getServerErrorMessage().getConstraint());
            assertTrue(e.getServerErrorMessage().getDetail().contains(unknown.toString()), e.getMessage());
            // A multi-row statement with one known and one unknown parent is refused whole.
            PSQLException multi = assertThrows(PSQLException.class, () -> insertMessages(c,
                    campaign, a, p == Parent.CAMPAIGN ? unknown : campaign, p == Parent.CONTACT ? unknown : b));
            assertEquals("23503", multi.getSQLState());
            assertEquals(0, messagesOf(c, Parent.CAMPAIGN, campaign));
            // Moving a message to an unknown parent is refused.
            insertMessages(c, campaign, a);
            PSQLException moved = assertThrows(PSQLException.class, () -> st.executeUpdate("UPDATE messages SET "
                    + p.column + " = '" + unknown + "' WHERE campaign_id = '" + campaign + "'"));
            assertEquals("23503", moved.getSQLState());
            assertEquals(p.constraint, moved.getServerErrorMessage().getConstraint());
            if (p == Parent.CAMPAIGN) {
                // A message without a campaign (a manual reply) needs none.
                st.executeUpdate("INSERT INTO messages (contact_id, kind, direction, to_address, status)"
                        + " VALUES ('" + a + "', 'manual', 'outbound', 'w', 'queued')");
            }
            assertEquals(1, messagesOf(c, Parent.CAMPAIGN, campaign));
            assertEquals(0, orphans(c));
        }
    }

    @ParameterizedTest
    @EnumSource(Parent.class)
    void deletingAParentDeletesItsMessagesAndAReferencedIdCannotChange(Parent p) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            UUID kept = parent(c, p);
            UUID gone = parent(c, p);
            insertMessageFor(c, p, kept);
            insertMessageFor(c, p, kept);
            insertMessageFor(c, p, gone);
            PSQLException e = assertThrows(PSQLException.class,
                    () -> st.executeUpdate("UPDATE " + p.table + " SET id = gen_random_uuid() WHERE id = '" + kept + "'"));
            assertEquals("23503", e.getSQLState());
            assertEquals(1, st.executeUpdate("DELETE FROM " + p.table + " WHERE id = '" + gone + "'"));
            assertEquals(0, messagesOf(c, p, gone));
            assertEquals(2, messagesOf(c, p, kept));
            assertEquals(0, orphans(c));
        }
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private static int delete(Connection c, Parent p, UUID id) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate("DELETE FROM " + p.table + " WHERE id = '" + id + "'");
        }
    }

    /**
     * Runs {@code first} in an open transaction, then {@code second} on another connection, asserts that
     * second waits for first's transaction, commits first and returns second's completed outcome.
     */
    private static <T> CompletableFuture<T> secondWaitsForFirst(Sql<?> first, Sql<T> second, String why) throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            first.run(a);
            CompletableFuture<T> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    return second.run(b);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(outcome.isDone(), why);
            a.commit();
            try {
                outcome.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // the caller asserts it
            }
            return outcome;
        }
    }

    private static UUID committedParent(Parent p) throws SQLException {
        try (Connection c = connect()) {
            return parent(c, p);
        }
    }

    private static void assertNoMessageLeftOf(Parent p, UUID id) throws SQLException {
        try (Connection c = connect()) {
            assertEquals(0, messagesOf(c, p, id));
            assertEquals(0, orphans(c));
        }
    }

    /** The delete runs first and commits after the insert began: the insert waits, then fails; no orphan. */
    @ParameterizedTest
    @EnumSource(Parent.class)
    void anInsertRacingADeleteThatCommitsFirstIsRefused(Parent p) throws Exception {
        UUID id = committedParent(p);
        CompletableFuture<Object> insert = secondWaitsForFirst(c -> delete(c, p, id), c -> {
            insertMessageFor(c, p, id);
            return null;
        }, "the insert waits for the delete's transaction");
        PSQLException cause = (PSQLException) assertThrows(ExecutionException.class, insert::get).getCause();
        assertEquals("23503", cause.getSQLState());
        assertEquals(p.constraint, cause.getServerErrorMessage().getConstraint());
        assertNoMessageLeftOf(p, id);
    }

    /** The insert commits while the delete waits: the delete's cascade sees and deletes its rows. */
    @ParameterizedTest
    @EnumSource(Parent.class)
    void aDeleteRacingAnInsertThatCommitsFirstDeletesItsMessages(Parent p) throws Exception {
        UUID id = committedParent(p);
        CompletableFuture<Integer> delete = secondWaitsForFirst(c -> {
            insertMessageFor(c, p, id);
            return null;
        }, c -> delete(c, p, id), "the delete waits for the insert's transaction (FOR KEY SHARE)");
        assertEquals(1, delete.get());
        assertNoMessageLeftOf(p, id);
    }

    @ParameterizedTest
    @EnumSource(Parent.class)
    void truncatingTheParentTableDeletesTheMessages(Parent p) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            insertMessageFor(c, p, parent(c, p));
            st.execute("TRUNCATE " + p.table + " CASCADE");
            assertEquals(0, count(c, "SELECT count(*) FROM messages WHERE " + p.column + " IS NOT NULL"));
            c.rollback();
        }
    }
}
