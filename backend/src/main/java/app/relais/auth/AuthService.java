package app.relais.auth;

import app.relais.common.db.SqlTimes;
import app.relais.common.audit.AuditService;
import app.relais.common.error.ApiException;
import app.relais.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sign-in, refresh rotation, sign-out and password change. A failed sign-in never tells whether the
 * email or the password was wrong; failures are recorded even though the call fails.
 */
@ApplicationScoped
public class AuthService {

    @Inject
    AuthConfig config;

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenService tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditService audit;

    @Inject
    SuccessorSeal seal;

    @Inject
    EntityManager em;

    @Transactional(dontRollbackOn = ApiException.class)
    public AuthDtos.TokenResponse login(String email, String password, String ip, String userAgent) {
        long[] perIp = throttle.hit("relais:login:ip:" + ip, config.loginIpWindow());
        if (perIp != null && perIp[0] > config.loginAttemptsPerIp()) {
            throw new ApiException(429, "login-rate-limited", List.of(), Map.of(), (int) perIp[1], perIp[1]);
        }
        String normalized = User.normalizeEmail(email);
        // Read without a lock: bcrypt (~0.3 s) must not hold the user's row, or sign-ins of one account
        // (a shared team login, a retrying client) would queue behind each other. The row is locked after.
        User user = User.<User>find("email", normalized).firstResultOptional().orElse(null);
        OffsetDateTime now = OffsetDateTime.now();
        if (user == null) {
            String key = "relais:login:unknown:" + normalized;
            if (throttle.count(key) >= config.maxFailedLogins()) {
                loginFailed(null, normalized, "locked");
                throw locked(throttle.ttl(key));
            }
            hasher.verifyDummy(password);
            throttle.hit(key, config.lockDuration());
            loginFailed(null, normalized, "invalid_credentials");
            throw invalidCredentials();
        }
        if (user.lockedUntil != null && user.lockedUntil.isAfter(now)) {
            loginFailed(user.id, user.email, "locked");
            throw locked(java.time.Duration.between(now, user.lockedUntil).toSeconds() + 1);
        }
        String verifiedHash = user.passwordHash;
        boolean valid = hasher.verify(password, verifiedHash);
        em.refresh(user, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (!java.util.Objects.equals(verifiedHash, user.passwordHash)) {
            valid = false; // the password changed meanwhile: the one just checked is no longer valid
        }
        if (user.lockedUntil != null && user.lockedUntil.isAfter(now)) {
            loginFailed(user.id, user.email, "locked");
            throw locked(java.time.Duration.between(now, user.lockedUntil).toSeconds() + 1);
        }
        if (!valid || !user.active) {
            if (!valid) {
                user.failedLoginCount++;
                if (user.failedLoginCount >= config.maxFailedLogins()) {
                    user.failedLoginCount = 0;
                    user.lockedUntil = now.plus(config.lockDuration());
                    audit.record(null, user.email, "user.locked", "user", user.id,
                            Map.of("minutes", config.lockDuration().toMinutes()));
                }
            }
            loginFailed(user.id, user.email, valid ? "inactive" : "invalid_credentials");
            throw invalidCredentials();
        }
        user.failedLoginCount = 0;
        user.lockedUntil = null;
        user.lastLoginAt = now;
        AuthDtos.TokenResponse tokensIssued = tokens.issue(user, null, userAgent, ip);
        audit.record(user.id, user.email, "auth.login", "user", user.id, Map.of());
        return tokensIssued;
    }

    /** A failed sign-in in the audit log (the email as typed, normalised, when it matches no account). */
    private void loginFailed(UUID userId, String email, String reason) {
        audit.record(null, email, "auth.login_failed", "user", userId, Map.of("reason", reason));
    }

    /**
     * Rotates a refresh token. A token rotated less than the grace ago answers the same successor (two
     * tabs refreshing at once both stay signed in); presented again after the grace, or once revoked, it
     * was stolen or replayed: the whole session ends.
     */
    @Transactional(dontRollbackOn = ApiException.class)
    public AuthDtos.TokenResponse refresh(String refreshToken, String ip, String userAgent) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, user_id, family_id, expires_at, used_at, revoked_at, successor_secret,
                       used_at > now() - make_interval(secs => ?2) AS in_grace
                FROM refresh_tokens WHERE token_hash = ?1 FOR UPDATE""")
                .setParameter(1, TokenService.hash(refreshToken))
                .setParameter(2, config.refreshGrace().toMillis() / 1000.0).getResultList();
        if (rows.isEmpty()) {
            throw new ApiException(401, "refresh-token-invalid");
        }
        Object[] row = rows.get(0);
        UUID id = (UUID) row[0];
        UUID userId = (UUID) row[1];
        UUID familyId = (UUID) row[2];
        OffsetDateTime expiresAt = SqlTimes.toOffset(row[3]);
        boolean used = row[4] != null;
        boolean revoked = row[5] != null;
        if (used && !revoked && Boolean.TRUE.equals(row[7]) && row[6] != null) {
            String successor = seal.open((String) row[6]);
            User user = User.findById(userId);
            if (successor != null && user != null && user.active) {
                return tokens.reissue(user, familyId, successor);
            }
        }
        if (used || revoked) {
            // A token used twice was stolen or replayed: end the whole session family.
            tokens.endSession(userId, familyId);
            audit.record(userId, null, "auth.refresh_reuse", "user", userId, Map.of("family", familyId.toString()));
            throw new ApiException(401, "refresh-token-reused");
        }
        if (expiresAt.isBefore(OffsetDateTime.now())) {
            throw new ApiException(401, "refresh-token-invalid");
        }
        User user = User.findById(userId);
        if (user == null || !user.active) {
            tokens.endSession(userId, familyId);
            throw new ApiException(401, "refresh-token-invalid");
        }
        AuthDtos.TokenResponse issued = tokens.issue(user, familyId, userAgent, ip);
        em.createNativeQuery("UPDATE refresh_tokens SET used_at = now(), successor_secret = ?2 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, seal.seal(issued.refreshToken())).executeUpdate();
        // Successors kept past the grace serve nothing any more.
        em.createNativeQuery("""
                UPDATE refresh_tokens SET successor_secret = NULL
                WHERE family_id = ?1 AND successor_secret IS NOT NULL AND used_at < now() - make_interval(secs => ?2)""")
                .setParameter(1, familyId).setParameter(2, config.refreshGrace().toMillis() / 1000.0).executeUpdate();
        return issued;
    }

    /** Ends the session of this refresh token (its refresh family and its access tokens); unknown tokens are ignored. */
    @Transactional
    public void logout(String refreshToken) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.user_id, t.family_id, u.email FROM refresh_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = ?1""")
                .setParameter(1, TokenService.hash(refreshToken)).getResultList();
        for (Object[] row : rows) {
            UUID userId = (UUID) row[0];
            UUID familyId = (UUID) row[1];
            tokens.endSession(userId, familyId);
            audit.record(userId, (String) row[2], "auth.logout", "user", userId, Map.of("family", familyId.toString()));
        }
    }

    @Transactional
    public AuthDtos.TokenResponse changePassword(UUID userId, String current, String next, String ip, String userAgent) {
        User user = User.findById(userId);
        if (user == null || !user.active) {
            throw new ApiException(401, "unauthorized");
        }
        if (!hasher.verify(current, user.passwordHash)) {
            throw ApiException.invalidField("currentPassword", "wrong_password", "field.wrong_password");
        }
        if (!PasswordHasher.isStrong(next)) {
            throw ApiException.invalidField("newPassword", "weak_password", "field.weak_password");
        }
        if (next.equals(current)) {
            throw ApiException.invalidField("newPassword", "same_password", "field.same_password");
        }
        user.passwordHash = hasher.hash(next);
        user.mustChangePassword = false;
        user.passwordChangedAt = OffsetDateTime.now();
        user.updatedAt = user.passwordChangedAt;
        tokens.endAllSessions(user);
        audit.record(user.id, user.email, "user.password_changed", "user", user.id, Map.of());
        return tokens.issue(user, null, userAgent, ip);
    }

    private static ApiException invalidCredentials() {
        return new ApiException(401, "invalid-credentials");
    }

    private static ApiException locked(long seconds) {
        return new ApiException(429, "account-locked", List.of(), Map.of(), (int) seconds, Math.max(1, seconds / 60));
    }

}
