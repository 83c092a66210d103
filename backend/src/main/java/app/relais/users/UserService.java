package app.relais.users;

import app.relais.auth.PasswordHasher;
import app.relais.auth.SessionStates;
import app.relais.auth.TokenService;
import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.audit.AuditService;
import app.relais.common.error.ApiException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Managing the people who use Relais. Invariants: a super admin cannot remove, demote or deactivate
 * themself, and there is always at least one active super admin.
 */
@ApplicationScoped
public class UserService {

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenService tokens;

    @Inject
    AuditService audit;

    @Inject
    SessionStates sessions;

    public PageResponse<UserResponse> list(String q, String role, Boolean active, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            where.add("(lower(email) like :q or lower(fullName) like :q)");
            params.put("q", "%" + q.strip().toLowerCase(java.util.Locale.ROOT).replace("%", "\\%") + "%");
        }
        if (role != null && !role.isBlank()) {
            where.add("role = :role");
            params.put("role", role);
        }
        if (active != null) {
            where.add("active = :active");
            params.put("active", active);
        }
        var query = User.<User>find(String.join(" and ", where.isEmpty() ? List.of("1 = 1") : where),
                Sort.by("createdAt").and("email"), params);
        long total = query.count();
        List<UserResponse> items = query.page(page.page(), page.size()).list().stream().map(UserResponse::of).toList();
        return new PageResponse<>(items, page.page(), page.size(), total);
    }

    public UserResponse get(UUID id) {
        return UserResponse.of(find(id));
    }

    @Transactional
    public UserResponse create(UserRequests.CreateUserRequest request) {
        String email = User.normalizeEmail(request.email());
        ensureEmailFree(email, null);
        requireStrong(request.password(), "password");
        User user = new User();
        user.email = email;
        user.fullName = request.fullName() == null ? "" : request.fullName().strip();
        user.role = request.role();
        user.passwordHash = hasher.hash(request.password());
        user.mustChangePassword = true;
        user.persistAndFlush();
        audit.record("user.created", "user", user.id, Map.of("email", email, "role", user.role));
        return UserResponse.of(user);
    }

    @Transactional
    public UserResponse update(UUID id, UserRequests.UpdateUserRequest request, UUID actorId) {
        User user = find(id);
        Map<String, Object> changes = new HashMap<>();
        if (request.email() != null) {
            String email = User.normalizeEmail(request.email());
            if (!email.equals(user.email)) {
                ensureEmailFree(email, user.id);
                changes.put("email", email);
                user.email = email;
            }
        }
        if (request.fullName() != null) {
            user.fullName = request.fullName().strip();
            changes.put("fullName", user.fullName);
        }
        if (request.role() != null && !request.role().equals(user.role)) {
            if ("super_admin".equals(user.role)) {
                guardSuperAdminRemoval(user, actorId, "user-cannot-demote-self");
            }
            user.role = request.role();
            changes.put("role", user.role);
        }
        boolean deactivated = false;
        if (request.active() != null && request.active() != user.active) {
            if (!request.active()) {
                guardSuperAdminRemoval(user, actorId, "user-cannot-deactivate-self");
                deactivated = true;
            }
            user.active = request.active();
            changes.put("active", user.active);
        }
        user.updatedAt = OffsetDateTime.now();
        if (deactivated) {
            tokens.endAllSessions(user);
        } else if (changes.containsKey("role") || changes.containsKey("active")) {
            sessions.changed(user.id); // the new role applies to the user's next request
        }
        audit.record("user.updated", "user", user.id, changes);
        return UserResponse.of(user);
    }

    @Transactional
    public UserResponse deactivate(UUID id, UUID actorId) {
        return update(id, new UserRequests.UpdateUserRequest(null, null, null, false), actorId);
    }

    @Transactional
    public void resetPassword(UUID id, String password) {
        User user = find(id);
        requireStrong(password, "password");
        user.passwordHash = hasher.hash(password);
        user.mustChangePassword = true;
        user.failedLoginCount = 0;
        user.lockedUntil = null;
        user.updatedAt = OffsetDateTime.now();
        tokens.endAllSessions(user);
        audit.record("user.password_reset", "user", user.id, Map.of());
    }

    @Transactional
    public void delete(UUID id, UUID actorId) {
        User user = find(id);
        guardSuperAdminRemoval(user, actorId, "user-cannot-delete-self");
        audit.record("user.deleted", "user", user.id, Map.of("email", user.email));
        user.delete();
        sessions.changed(id);
    }

    private void guardSuperAdminRemoval(User user, UUID actorId, String selfCode) {
        if (user.id.equals(actorId)) {
            throw ApiException.conflict(selfCode);
        }
        if ("super_admin".equals(user.role) && user.active) {
            // Lock the super admins so that two concurrent removals cannot both pass the check.
            List<User> supers = User.<User>find("role = ?1 and active = true", "super_admin")
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
            if (supers.size() <= 1) {
                throw ApiException.conflict("user-last-super-admin");
            }
        }
    }

    private void ensureEmailFree(String email, UUID except) {
        User.findByEmail(email).filter(u -> !u.id.equals(except)).ifPresent(u -> {
            throw ApiException.conflict("user-email-taken", email);
        });
    }

    private static void requireStrong(String password, String field) {
        if (!PasswordHasher.isStrong(password)) {
            throw ApiException.invalidField(field, "weak_password", "field.weak_password");
        }
    }

    private static User find(UUID id) {
        User user = User.findById(id);
        if (user == null) {
            throw ApiException.notFound("User", id);
        }
        return user;
    }
}
