package app.relais.users;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "User")
public record UserResponse(
        UUID id,
        @Schema(example = "admin@chatbot.local") String email,
        @Schema(example = "Awa Traoré") String fullName,
        @Schema(example = "admin", enumeration = { "super_admin", "admin" }) String role,
        boolean active,
        boolean mustChangePassword,
        boolean locked,
        @Schema(nullable = true) OffsetDateTime lastLoginAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static UserResponse of(User u) {
        boolean locked = u.lockedUntil != null && u.lockedUntil.isAfter(OffsetDateTime.now());
        return new UserResponse(u.id, u.email, u.fullName, u.role, u.active, u.mustChangePassword, locked,
                u.lastLoginAt, u.createdAt, u.updatedAt);
    }
}
