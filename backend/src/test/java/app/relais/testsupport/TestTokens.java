package app.relais.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Access tokens minted inside the tests with the app's own key and issuer. */
public final class TestTokens {

    public static final UUID SUPER_ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    public static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-0000000000bb");

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
            ensureUser(userId, email, role);
            // A test that deactivated this user (then reactivated it) ended its earlier tokens, not the next ones.
            generation = ((Number) Db.queryOne("SELECT session_generation FROM users WHERE id = ?", userId)).intValue();
        }
        return Jwt.issuer("https://relais.app")
                .subject(userId.toString())
                .upn(email)
                .groups(Set.of(role))
                .claim("gen", generation)
                .expiresIn(lifetime)
                .sign();
    }

    private static void ensureUser(UUID userId, String email, String role) {
        String insert = "INSERT INTO users (id, email, password_hash, role) VALUES (?, ?, 'x', ?) ON CONFLICT DO NOTHING";
        if (Db.exec(insert, userId, email, role) == 0 && Db.count("SELECT count(*) FROM users WHERE id = ?", userId) == 0) {
            Db.exec(insert, userId, userId + "@tokens.test.local", role); // the email belongs to another user
        }
    }
}
