package app.relais.users;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of /api/users. */
public final class UserRequests {

    private UserRequests() {
    }

    @Schema(name = "CreateUserRequest")
    public record CreateUserRequest(
            @NotBlank @Email @Size(max = 254) @Schema(example = "awa@example.com") String email,
            @Size(max = 200) @Schema(example = "Awa Traoré") String fullName,
            @NotBlank @Pattern(regexp = "super_admin|admin") @Schema(example = "admin") String role,
            @NotBlank @Size(min = 10, max = 200) @Schema(description = "Temporary password: changed at first sign-in",
                    example = "Bienvenue-2025") String password) {
    }

    @Schema(name = "UpdateUserRequest", description = "Only the fields present are changed")
    public record UpdateUserRequest(
            @Email @Size(max = 254) String email,
            @Size(max = 200) String fullName,
            @Pattern(regexp = "super_admin|admin") String role,
            Boolean active) {
    }

    @Schema(name = "ResetPasswordRequest")
    public record ResetPasswordRequest(
            @NotBlank @Size(min = 10, max = 200) @Schema(example = "Temporaire-2025") String password) {
    }
}
