package app.relais.auth;

import app.relais.common.api.Roles;
import app.relais.common.error.ApiException;
import app.relais.common.error.Problem;
import app.relais.common.error.SessionEnded;
import app.relais.users.User;
import app.relais.users.UserResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/auth")
@Tag(name = "Auth", description = "Sign-in, tokens and the current user. Browsers keep the refresh token in the "
        + "HttpOnly cookie relais_refresh (Path=/api/auth, SameSite=Strict) and send X-Refresh-Transport: cookie; "
        + "integrators use the JSON tokens.")
public class AuthResource {

    private static final String COOKIE_DESCRIPTION = "Sets the refresh cookie: relais_refresh=<token>; Max-Age=<refresh "
            + "lifetime>; Path=/api/auth; HttpOnly; SameSite=Strict (and Secure over https or in production)";
    private static final String TRANSPORT_DESCRIPTION = "`cookie`: the refresh token travels only in the HttpOnly cookie "
            + "and the body's refreshToken is null (the dashboard always sends it)";

    @Inject
    AuthService auth;

    @Inject
    RefreshCookie cookie;

    @Inject
    JsonWebToken jwt;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Validator validator;

    @POST
    @Path("/login")
    @PermitAll
    @Operation(operationId = "login", summary = "Sign in with email and password",
            description = "Returns a 30-minute access token and a refresh token (in the body for integrators, and in "
                    + "the HttpOnly cookie relais_refresh). After 10 consecutive failures the account is locked for "
                    + "15 minutes; the answer never tells whether the email or the password was wrong.")
    @APIResponse(responseCode = "200", description = "Signed in",
            headers = @Header(name = "Set-Cookie", description = COOKIE_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuthDtos.TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Invalid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Account locked or too many attempts (Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AuthDtos.TokenResponse> login(@Valid @NotNull AuthDtos.LoginRequest request,
            @Parameter(in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION) @HeaderParam(RefreshCookie.TRANSPORT_HEADER) String transport,
            @Context HttpServerRequest http) {
        return withCookie(auth.login(request.email(), request.password(), ip(http), http.getHeader("User-Agent")),
                transport, http);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for new tokens",
            description = "The refresh token comes from the body, or, when the body has none (no body, empty, {}), from "
                    + "the relais_refresh cookie; a cookie refresh must come from an allowed Origin (ALLOWED_ORIGINS or "
                    + "the API's own), else 403 origin_refused. The token is rotated: each one works once; presented again "
                    + "within 30 s it answers the same successor (two tabs refreshing at once), after that it revokes the "
                    + "whole session (401 refresh-token-reused).")
    @APIResponse(responseCode = "200", description = "New tokens",
            headers = @Header(name = "Set-Cookie", description = COOKIE_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuthDtos.TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No token, or an invalid, expired or reused refresh token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Cookie refresh from a foreign Origin (origin_refused)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AuthDtos.TokenResponse> refresh(@RequestBody(required = false, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AuthDtos.RefreshRequest.class))) String body,
            @Parameter(description = "The refresh cookie, used when the body has no token") @CookieParam(RefreshCookie.NAME) String refreshCookie,
            @Parameter(in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION) @HeaderParam(RefreshCookie.TRANSPORT_HEADER) String transport,
            @Context HttpHeaders headers, @Context HttpServerRequest http) throws JsonProcessingException {
        String token = bodyToken(body, headers);
        if (token == null) {
            token = blankToNull(refreshCookie);
            if (token == null) {
                throw new ApiException(401, "refresh-token-missing");
            }
            if (!cookie.originAllowed(headers.getHeaderString("Origin"), http)) {
                throw new ApiException(403, "origin_refused");
            }
        }
        return withCookie(auth.refresh(token, ip(http), http.getHeader("User-Agent")), transport, http);
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(operationId = "logout", summary = "Sign out: end the session of this refresh token",
            description = "The refresh token comes from the body or the relais_refresh cookie. Its session ends: its "
                    + "refresh tokens at once, its access tokens within 1 s on every instance. Always clears the cookie.")
    @APIResponse(responseCode = "204", description = "Signed out",
            headers = @Header(name = "Set-Cookie", description = "relais_refresh=; Max-Age=0; Path=/api/auth; HttpOnly; SameSite=Strict",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Void> logout(@RequestBody(required = false, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AuthDtos.RefreshRequest.class))) String body,
            @Parameter(description = "The refresh cookie, used when the body has no token") @CookieParam(RefreshCookie.NAME) String refreshCookie,
            @Context HttpHeaders headers, @Context HttpServerRequest http) throws JsonProcessingException {
        String token = bodyToken(body, headers);
        if (token == null) {
            token = blankToNull(refreshCookie);
        }
        if (token != null) {
            auth.logout(token);
        }
        return RestResponse.ResponseBuilder.<Void>noContent().header("Set-Cookie", cookie.clear(http)).build();
    }

    @GET
    @Path("/me")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "getCurrentUser", summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "Not signed in, or the session ended (session_ended)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserResponse me() {
        User user = User.findById(UUID.fromString(jwt.getSubject()));
        if (user == null || !user.active) {
            throw new ApiException(401, SessionEnded.CODE);
        }
        return UserResponse.of(user);
    }

    @POST
    @Path("/change-password")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "changePassword", summary = "Change your own password",
            description = "At least 10 characters with letters and digits. Ends your other sessions (their access "
                    + "tokens within 1 s) and returns new tokens, also in the refresh cookie.")
    @APIResponse(responseCode = "200", description = "Password changed; new tokens",
            headers = @Header(name = "Set-Cookie", description = COOKIE_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuthDtos.TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Wrong current password or weak new one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Not signed in, or the session ended (session_ended)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AuthDtos.TokenResponse> changePassword(@Valid @NotNull AuthDtos.ChangePasswordRequest request,
            @Parameter(in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION) @HeaderParam(RefreshCookie.TRANSPORT_HEADER) String transport,
            @Context HttpServerRequest http) {
        return withCookie(auth.changePassword(UUID.fromString(jwt.getSubject()), request.currentPassword(),
                request.newPassword(), ip(http), http.getHeader("User-Agent")), transport, http);
    }

    private RestResponse<AuthDtos.TokenResponse> withCookie(AuthDtos.TokenResponse tokens, String transport,
            HttpServerRequest http) {
        AuthDtos.TokenResponse body = RefreshCookie.cookieOnly(transport) ? tokens.withoutRefreshToken() : tokens;
        // Tokens are never cached by the browser or a proxy (RFC 6749 §5.1).
        return RestResponse.ResponseBuilder.ok(body).header("Set-Cookie", cookie.set(tokens.refreshToken(), http))
                .header("Cache-Control", "no-store").build();
    }

    /**
     * The refresh token of an optional JSON body: a browser posts no body at all (the token is in the
     * cookie), so the body is read as text and parsed here rather than by the framework, which refuses a
     * body-less request for want of a content type.
     */
    private String bodyToken(String body, HttpHeaders headers) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        MediaType type = headers.getMediaType();
        if (type == null || !("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))) {
            throw new ApiException(415, "unsupported-media-type");
        }
        AuthDtos.RefreshRequest request = objectMapper.readValue(body, AuthDtos.RefreshRequest.class);
        if (request == null) {
            return null;
        }
        Set<ConstraintViolation<AuthDtos.RefreshRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return blankToNull(request.refreshToken());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String ip(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
