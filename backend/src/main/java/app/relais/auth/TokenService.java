package app.relais.auth;

import app.relais.users.User;
import app.relais.users.UserResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

/**
 * Access tokens (JWT, short-lived) and refresh tokens (opaque, 256 random bits, stored only as a
 * SHA-256 hash, rotated at each use within a family).
 */
@ApplicationScoped
public class TokenService {

    public static final String ISSUER = "https://relais.app";
    public static final String PASSWORD_CHANGE_CLAIM = "pwd_change";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuthConfig config;

    @Inject
    EntityManager em;

    public AuthDtos.TokenResponse issue(User user, UUID familyId, String userAgent, String ip) {
        long lifetime = config.accessTokenMinutes() * 60L;
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(user.id.toString())
                .upn(user.email)
                .claim("name", user.fullName)
                .groups(Set.of(user.role))
                .expiresIn(lifetime);
        if (user.mustChangePassword) {
            claims.claim(PASSWORD_CHANGE_CLAIM, true);
        }
        String refresh = newRefreshToken(user.id, familyId == null ? UUID.randomUUID() : familyId, userAgent, ip);
        return new AuthDtos.TokenResponse(claims.sign(), refresh, "Bearer", lifetime, UserResponse.of(user));
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

    public void revokeFamily(UUID familyId) {
        em.createNativeQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, familyId).executeUpdate();
    }

    public void revokeAllOf(UUID userId) {
        em.createNativeQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, userId).executeUpdate();
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
