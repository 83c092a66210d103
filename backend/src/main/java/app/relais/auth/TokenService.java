package app.relais.auth;

import app.relais.users.User;
import app.relais.users.UserResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens (JWT, short-lived) and refresh tokens (opaque, 256 random bits, stored only as a
 * SHA-256 hash, rotated at each use within a family). A family is one session: the access tokens it
 * issues carry its id ({@code sid}) and the user's session generation ({@code gen}), which
 * {@link SessionCheck} compares with the user's current state on every request.
 */
@ApplicationScoped
public class TokenService {

    public static final String ISSUER = "https://relais.app";
    public static final String PASSWORD_CHANGE_CLAIM = "pwd_change";
    public static final String GENERATION_CLAIM = "gen";
    public static final String SESSION_CLAIM = "sid";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuthConfig config;

    @Inject
    EntityManager em;

    @Inject
    SessionStates sessions;

    /** A new refresh token in {@code familyId} (a new family when null) and an access token for it. */
    public AuthDtos.TokenResponse issue(User user, UUID familyId, String userAgent, String ip) {
        UUID family = familyId == null ? UUID.randomUUID() : familyId;
        return reissue(user, family, newRefreshToken(user.id, family, userAgent, ip));
    }

    /** A new access token for an existing refresh token of {@code familyId}. */
    public AuthDtos.TokenResponse reissue(User user, UUID familyId, String refreshToken) {
        long lifetime = config.accessTokenMinutes() * 60L;
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(user.id.toString())
                .upn(user.email)
                .claim("name", user.fullName)
                .groups(Set.of(user.role))
                .claim(GENERATION_CLAIM, user.sessionGeneration)
                .claim(SESSION_CLAIM, familyId.toString())
                .expiresIn(lifetime);
        if (user.mustChangePassword) {
            claims.claim(PASSWORD_CHANGE_CLAIM, true);
        }
        return new AuthDtos.TokenResponse(claims.sign(), refreshToken, "Bearer", lifetime, UserResponse.of(user));
    }

    private String newRefreshToken(UUID userId, UUID familyId, String userAgent, String ip) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.createNativeQuery("""
                INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, user_agent, ip)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, userId)
                .setParameter(2, familyId)
                .setParameter(3, hash(token))
                .setParameter(4, OffsetDateTime.now().plus(config.refreshTokenLifetime()))
                .setParameter(5, userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length())))
                .setParameter(6, ip)
                .executeUpdate();
        return token;
    }

    /** Ends one session: its refresh tokens, and (within the session cache's delay) its access tokens. */
    public void endSession(UUID userId, UUID familyId) {
        em.createNativeQuery("""
                UPDATE refresh_tokens SET revoked_at = now(), successor_secret = NULL
                WHERE family_id = ?1 AND revoked_at IS NULL""")
                .setParameter(1, familyId).executeUpdate();
        sessions.changed(userId);
    }

    /** Ends every session of the user: a new session generation, and every refresh token revoked. */
    public void endAllSessions(User user) {
        user.sessionGeneration++;
        em.createNativeQuery("""
                UPDATE refresh_tokens SET revoked_at = now(), successor_secret = NULL
                WHERE user_id = ?1 AND revoked_at IS NULL""")
                .setParameter(1, user.id).executeUpdate();
        sessions.changed(user.id);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session generation a token was issued under; 0 for tokens that do not say (issued before it existed). */
    public static int generationOf(JsonWebToken jwt) {
        Object value = jwt.getClaim(GENERATION_CLAIM);
        if (value instanceof JsonNumber n) {
            return n.intValue();
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        return 0;
    }

    /** The session (refresh family) a token belongs to, or null. */
    public static String sessionOf(JsonWebToken jwt) {
        Object value = jwt.getClaim(SESSION_CLAIM);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }
}
