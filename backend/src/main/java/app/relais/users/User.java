package app.relais.users;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A person who uses the dashboard or the API: a super admin or an admin. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false, unique = true)
    public String email;

    @Column(name = "full_name", nullable = false)
    public String fullName = "";

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "must_change_password", nullable = false)
    public boolean mustChangePassword;

    @Column(name = "failed_login_count", nullable = false)
    public int failedLoginCount;

    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;

    @Column(name = "last_login_at")
    public OffsetDateTime lastLoginAt;

    @Column(name = "password_changed_at")
    public OffsetDateTime passwordChangedAt;

    /** Bumped when every session of the user must end (password change or reset, deactivation). */
    @Column(name = "session_generation", nullable = false)
    public int sessionGeneration;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public static Optional<User> findByEmail(String email) {
        return find("email", normalizeEmail(email)).firstResultOptional();
    }

    public static long countActiveSuperAdmins() {
        return count("role = ?1 and active = true", "super_admin");
    }
}
