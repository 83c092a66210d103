package app.relais.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Access tokens minted inside the tests with the app's own key and issuer. */
public final class TestTokens {

    public static final UUID SUPER_ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    public static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-0000000000bb");

    private static Connection connection;

    private TestTokens() {
    }

    public static String superAdmin() {
        return token(SUPER_ADMIN_ID, "superadmin@test.local", "super_admin", Duration.ofMinutes(30));
    }

    public static String admin() {
        return token(ADMIN_ID, "admin@test.local", "admin", Duration.ofMinutes(30));
    }

    /**
     * A token for {@code userId}; for our two roles the user row is created when missing, because every
     * request checks its user's current state (a token of a user that does not exist is refused).
     */
    public static String token(UUID userId, String email, String role, Duration lifetime) {
        int generation = 0;
        if ("admin".equals(role) || "super_admin".equals(role)) {
            // A test that deactivated this user (then reactivated it) ended its earlier tokens, not the next ones.
            generation = ensureUser(userId, email, role);
        }
        return Jwt.issuer("https://relais.app")
                .subject(userId.toString())
                .upn(email)
                .groups(Set.of(role))
                .claim("gen", generation)
                .expiresIn(lifetime)
                .sign();
    }

    /**
     * Creates the user when missing and returns its session generation, on one kept connection: a new
     * connection per token would slow down every test that mints tokens (some race the engine's ticks).
     */
    private static synchronized int ensureUser(UUID userId, String email, String role) {
        for (int attempt = 0;; attempt++) {
            try {
                if (connection == null || connection.isClosed()) {
                    connection = Db.connect();
                }
                Integer generation = insertOrRead(userId, email, role);
                return generation != null ? generation : insertOrRead(userId, userId + "@tokens.test.local", role);
            } catch (SQLException e) {
                try {
                    connection.close();
                } catch (SQLException | RuntimeException ignored) {
                    // a connection the database already dropped (DatabaseOutageTest)
                }
                connection = null;
                if (attempt > 0) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The user's generation, or null when the email belongs to another user and the id to none. */
    private static Integer insertOrRead(UUID userId, String email, String role) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                WITH created AS (INSERT INTO users (id, email, password_hash, role) VALUES (?, ?, 'x', ?)
                                 ON CONFLICT DO NOTHING RETURNING session_generation)
                SELECT session_generation FROM created UNION ALL SELECT session_generation FROM users WHERE id = ?""")) {
            ps.setObject(1, userId);
            ps.setString(2, email);
            ps.setString(3, role);
            ps.setObject(4, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }
}
