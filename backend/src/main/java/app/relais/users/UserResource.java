package app.relais.users;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users")
@RolesAllowed(Roles.SUPER_ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Users", description = "Dashboard users (super admin only)")
@APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a super admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserResource {

    @Inject
    UserService users;

    @Inject
    JsonWebToken jwt;

    @GET
    @Operation(summary = "List users", description = "Paged; q searches email and name.")
    @APIResponse(responseCode = "200", description = "A page of users")
    public PageResponse<UserResponse> list(@QueryParam("q") String q, @Parameter(schema = @Schema(enumeration = { "super_admin", "admin" })) @QueryParam("role") String role,
            @QueryParam("active") Boolean active, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return users.list(q, role, active, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a user")
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The user", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    public UserResponse get(@PathParam("id") UUID id) {
        return users.get(id);
    }

    @POST
    @Operation(summary = "Create a user", description = "The temporary password must be changed at first sign-in.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Email already used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull UserRequests.CreateUserRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        UserResponse created = users.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Update a user (email, name, role, active)")
    @APIResponse(responseCode = "409", description = "Would remove the last super admin, or yourself, or email taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The user", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    public UserResponse update(@PathParam("id") UUID id, @Valid @NotNull UserRequests.UpdateUserRequest request) {
        return users.update(id, request, actor());
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate a user (their sessions end)")
    @APIResponse(responseCode = "200", description = "The user, inactive", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    public UserResponse deactivate(@PathParam("id") UUID id) {
        return users.deactivate(id, actor());
    }

    @POST
    @Path("/{id}/reset-password")
    @Operation(operationId = "resetUserPassword", summary = "Set a temporary password (to change at next sign-in)")
    @APIResponse(responseCode = "204", description = "Done")
    public Response resetPassword(@PathParam("id") UUID id, @Valid @NotNull UserRequests.ResetPasswordRequest request) {
        users.resetPassword(id, request.password());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID id) {
        users.delete(id, actor());
        return Response.noContent().build();
    }

    private UUID actor() {
        return UUID.fromString(jwt.getSubject());
    }
}
