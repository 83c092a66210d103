package app.relais.auth;

import app.relais.common.api.Roles;
import app.relais.common.error.ApiException;
import app.relais.common.error.Problem;
import app.relais.users.User;
import app.relais.users.UserResponse;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth")
@Tag(name = "Auth", description = "Sign-in, tokens and the current user")
public class AuthResource {

    @Inject
    AuthService auth;

    @Inject
    JsonWebToken jwt;

    @POST
    @Path("/login")
    @PermitAll
    @Operation(operationId = "login", summary = "Sign in with email and password",
            description = "Returns a 30-minute access token and a refresh token. After 10 consecutive failures the account is locked for 15 minutes; the answer never tells whether the email or the password was wrong.")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Invalid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Account locked or too many attempts (Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuthDtos.TokenResponse login(@Valid @NotNull AuthDtos.LoginRequest request, @Context HttpServerRequest http) {
        return auth.login(request.email(), request.password(), ip(http), http.getHeader("User-Agent"));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for new tokens",
            description = "The refresh token is rotated: each one works once. Presenting a used one again revokes the whole session.")
    @APIResponse(responseCode = "200", description = "New tokens")
    @APIResponse(responseCode = "401", description = "Invalid, expired or reused refresh token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuthDtos.TokenResponse refresh(@Valid @NotNull AuthDtos.RefreshRequest request, @Context HttpServerRequest http) {
        return auth.refresh(request.refreshToken(), ip(http), http.getHeader("User-Agent"));
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(operationId = "logout", summary = "Sign out: revoke the session of this refresh token")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout(@Valid @NotNull AuthDtos.RefreshRequest request) {
        auth.logout(request.refreshToken());
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "getCurrentUser", summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserResponse me() {
        User user = User.findById(UUID.fromString(jwt.getSubject()));
        if (user == null || !user.active) {
            throw new ApiException(401, "unauthorized");
        }
        return UserResponse.of(user);
    }

    @POST
    @Path("/change-password")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change your own password",
            description = "At least 10 characters with letters and digits. Ends your other sessions and returns new tokens.")
    @APIResponse(responseCode = "200", description = "Password changed; new tokens")
    @APIResponse(responseCode = "400", description = "Wrong current password or weak new one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuthDtos.TokenResponse changePassword(@Valid @NotNull AuthDtos.ChangePasswordRequest request,
            @Context HttpServerRequest http) {
        return auth.changePassword(UUID.fromString(jwt.getSubject()), request.currentPassword(), request.newPassword(),
                ip(http), http.getHeader("User-Agent"));
    }

    static String ip(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
