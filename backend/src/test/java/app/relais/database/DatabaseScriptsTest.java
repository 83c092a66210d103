package app.relais.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files under database/ that people run by hand: schema.sql must create exactly what the
 * migrations create; seed and RLS scripts must run cleanly (twice) on a plain PostgreSQL.
 */
class DatabaseScriptsTest {

    private static final Path DATABASE_DIR = Path.of("..", "database");
    private static final Map<String, String> CATALOG_QUERIES = new LinkedHashMap<>();

    static {
        CATALOG_QUERIES.put("columns", """
                SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
                       numeric_precision, numeric_scale, is_identity, identity_generation
                FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                ORDER BY 1, 2""");
        CATALOG_QUERIES.put("constraints", """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'flyway_schema_history'
                ORDER BY 1, 2""");
        CATALOG_QUERIES.put("indexes", """
                SELECT tablename, indexname, indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'
                ORDER BY 1, 2""");
        CATALOG_QUERIES.put("triggers", """
                SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger
                WHERE NOT tgisinternal ORDER BY 1, 2""");
        CATALOG_QUERIES.put("functions", """
                SELECT proname, pg_get_function_identity_arguments(oid), md5(prosrc) FROM pg_proc
                WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2""");
        CATALOG_QUERIES.put("views", """
                SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1""");
        CATALOG_QUERIES.put("extensions", "SELECT extname FROM pg_extension ORDER BY 1");
    }

    @BeforeAll
    static void startServers() {
        new RelaisTestResources().start();
    }

    @Test
    void schemaFileShouldCreateExactlyWhatTheMigrationsCreate() throws Exception {
        String fromMigrations = freshDatabase();
        Flyway.configure()
                .dataSource(url(fromMigrations), RelaisTestResources.dbUser(), RelaisTestResources.dbPassword())
                .locations("filesystem:" + DATABASE_DIR.resolve("migrations").toAbsolutePath())
                .load().migrate();
        String fromSchemaFile = freshDatabase();
        runScript(fromSchemaFile, "schema.sql");

        for (Map.Entry<String, String> query : CATALOG_QUERIES.entrySet()) {
            List<String> expected = rows(fromMigrations, query.getValue());
            List<String> actual = rows(fromSchemaFile, query.getValue());
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<String> extra = new ArrayList<>(actual);
            extra.removeAll(expected);
            assertEquals(expected, actual, "database/schema.sql differs from the migrations in its "
                    + query.getKey() + " (missing " + missing + ", extra " + extra + "): run database/generate_schema.sh");
        }
        assertFalse(rows(fromMigrations, CATALOG_QUERIES.get("columns")).isEmpty());
    }

    @Test
    void migrationsShouldApplyFromAnEmptyDatabase() throws Exception {
        String db = freshDatabase();
        var result = Flyway.configure()
                .dataSource(url(db), RelaisTestResources.dbUser(), RelaisTestResources.dbPassword())
                .locations("filesystem:" + DATABASE_DIR.resolve("migrations").toAbsolutePath())
                .load().migrate();
        assertTrue(result.migrationsExecuted >= 1);
        assertTrue(rows(db, "SELECT 1 FROM information_schema.tables WHERE table_name = 'messages'").size() == 1);
    }

    /** V15: new rows get version 7 UUIDs that follow the insertion order (1 ms apart at least). */
    @Test
    void newRowsGetTimeOrderedVersion7Ids() throws Exception {
        String db = freshDatabase();
        Flyway.configure().dataSource(url(db), RelaisTestResources.dbUser(), RelaisTestResources.dbPassword())
                .locations("filesystem:" + DATABASE_DIR.resolve("migrations").toAbsolutePath()).load().migrate();
        List<UUID> ids = new ArrayList<>();
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = st.executeQuery("INSERT INTO contacts (phone_e164) VALUES ('+3361234567" + i
                        + "') RETURNING id")) {
                    rs.next();
                    ids.add(rs.getObject(1, UUID.class));
                }
                Thread.sleep(2);
            }
            try (ResultSet rs = st.executeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) {
                rs.next();
                long nowMs = rs.getLong(1);
                for (UUID id : ids) {
                    assertEquals(7, id.version(), id.toString());
                    assertEquals(2, id.variant(), id.toString());
                    long idMs = id.getMostSignificantBits() >>> 16;
                    assertTrue(Math.abs(nowMs - idMs) < 60_000, "the id carries the insertion time: " + id);
                }
            }
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).toString().compareTo(ids.get(i).toString()) < 0, "ids follow the insertion order: " + ids);
        }
    }

    @Test
    void seedShouldCreateTheTwoSeedUsersAndBeIdempotent() throws Exception {
        String db = freshDatabase();
        runScript(db, "schema.sql");
        runScript(db, "seed_superadmin.sql");
        runScript(db, "seed_superadmin.sql");
        List<String> users = rows(db, "SELECT email, role, must_change_password::text, left(password_hash, 7) FROM users ORDER BY email");
        assertEquals(List.of("admin@chatbot.local|admin|true|$2a$12$", "superadmin@chatbot.local|super_admin|true|$2a$12$"), users);
    }

    @Test
    void rowLevelSecurityShouldHideEveryTableFromSupabaseRolesButNotFromTheOwner() throws Exception {
        String db = freshDatabase();
        runScript(db, "schema.sql");
        runScript(db, "seed_superadmin.sql");
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN CREATE ROLE anon NOLOGIN; END IF; END $$");
            st.execute("GRANT USAGE ON SCHEMA public TO anon");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO anon");
        }
        runScript(db, "rls_policies.sql");
        runScript(db, "rls_policies.sql");
        assertEquals(List.of(), rows(db, """
                SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT rowsecurity"""),
                "every table has row-level security");
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("SET ROLE anon");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
                rs.next();
                throw new AssertionError("anon could read users (" + rs.getLong(1) + " rows)");
            } catch (SQLException expected) {
                assertTrue(expected.getMessage().contains("permission denied"), expected.getMessage());
            }
            st.execute("RESET ROLE");
        }
        assertEquals(List.of("2"), rows(db, "SELECT count(*) FROM users"), "the owner still reads everything");
    }

    static String freshDatabase() throws SQLException {
        String name = "scripts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(RelaisTestResources.jdbcUrl(), RelaisTestResources.dbUser(),
                RelaisTestResources.dbPassword()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    static String url(String database) {
        String base = RelaisTestResources.jdbcUrl();
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        int query = base.indexOf('?');
        return base.substring(0, slash + 1) + database + (query > 0 ? base.substring(query) : "");
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), RelaisTestResources.dbUser(), RelaisTestResources.dbPassword());
    }

    private static void runScript(String database, String file) throws Exception {
        String sql = Files.readString(DATABASE_DIR.resolve(file), StandardCharsets.UTF_8);
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> rows(String database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
