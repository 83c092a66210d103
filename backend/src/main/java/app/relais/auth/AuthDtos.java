package app.relais.auth;

import app.relais.users.UserResponse;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of /api/auth. */
public final class AuthDtos {

    private AuthDtos() {
    }

    @Schema(name = "LoginRequest")
    public record LoginRequest(
            @NotBlank @Email @Size(max = 254) @Schema(example = "admin@chatbot.local") String email,
            @NotBlank @Size(max = 200) @Schema(example = "Admin2024!") String password) {
    }

    @Schema(name = "RefreshRequest", description = "Optional: without refreshToken the relais_refresh cookie is used")
    public record RefreshRequest(@Size(max = 200) @Schema(nullable = true) String refreshToken) {
    }

    @Schema(name = "ChangePasswordRequest")
    public record ChangePasswordRequest(
            @NotBlank @Size(max = 200) String currentPassword,
            @NotBlank @Size(min = 10, max = 200) @Schema(description = "At least 10 characters with letters and digits",
                    example = "N0uveau-mot-de-passe") String newPassword) {
    }

    @Schema(name = "TokenResponse")
    public record TokenResponse(
            @Schema(description = "JWT bearer token (HS256)") String accessToken,
            @Schema(description = "Opaque token for POST /api/auth/refresh; rotated at each use. Null when the request "
                    + "sent X-Refresh-Transport: cookie (the token is then only in the HttpOnly cookie)", nullable = true) String refreshToken,
            @Schema(example = "Bearer") String tokenType,
            @Schema(example = "1800", description = "Seconds until the access token expires") long expiresIn,
            UserResponse user) {

        /** The same answer without the refresh token, which then travels only in the cookie. */
        public TokenResponse withoutRefreshToken() {
            return new TokenResponse(accessToken, null, tokenType, expiresIn, user);
        }
    }
}
