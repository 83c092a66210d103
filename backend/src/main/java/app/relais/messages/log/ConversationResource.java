package app.relais.messages.log;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Conversations: the inbox of contacts who wrote to us (one contact's thread: ContactMessagesResource). */
@Path("/api/conversations")
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
@APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class ConversationResource {

    @Inject
    MessageLogService service;

    @Context
    HttpHeaders headers;

    @GET
    @Operation(operationId = "listConversations", summary = "Contacts who wrote to us, most recent first, with their newest message and whether the 24 h window is open")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "400", description = "Bad paging", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PageResponse<ConversationResponse> conversations(
            @Parameter(description = "true: only conversations whose 24 h window is open; false: only closed ones") @QueryParam("windowOpen") Boolean windowOpen,
            @Parameter(description = "Search on the contact's first name, last name or number (digits as typed)") @QueryParam("q") String q,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.conversations(windowOpen, q, PageRequest.of(page, size),
                Messages.negotiate(headers.getAcceptableLanguages()));
    }

    @POST
    @Path("/{contactId}/read")
    @Operation(operationId = "markConversationRead", summary = "Mark a contact's replies so far as read (reading the first page of its thread does it too)")
    @APIResponse(responseCode = "204", description = "Read")
    @APIResponse(responseCode = "404", description = "Unknown contact", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response markRead(@PathParam("contactId") UUID contactId) {
        service.markRead(contactId);
        return Response.noContent().build();
    }
}
