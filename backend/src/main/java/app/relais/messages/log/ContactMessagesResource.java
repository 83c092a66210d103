package app.relais.messages.log;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One contact's message history (its conversation); lives beside the contacts resource under the same root path. */
@Path("/api/contacts")
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
@APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class ContactMessagesResource {

    @Inject
    MessageLogService service;

    @Inject
    ReplyService replies;

    @Context
    HttpHeaders headers;

    @GET
    @Path("/{id}/messages")
    @Operation(operationId = "listContactMessages", summary = "A contact's message history (its conversation), both directions, newest first")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "404", description = "No such contact", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PageResponse<MessageResponse> contactMessages(@PathParam("id") UUID id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.conversation(id, PageRequest.of(page, size), Messages.negotiate(headers.getAcceptableLanguages()));
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendContactMessage", summary = "Answer the contact in free text, inside the 24 h window its last message opened (counts in the daily quota)")
    @APIResponse(responseCode = "201", description = "Sent once through the gateway; the message's status says how it went (failed with its explanation if Twilio refused)",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "400", description = "Empty or too long body", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such contact", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "conversation-window-closed, contact-opted-out or daily-quota-reached", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response reply(@PathParam("id") UUID id, ReplyRequest request) {
        UUID messageId = replies.reply(id, request);
        Locale locale = Messages.negotiate(headers.getAcceptableLanguages());
        MessageResponse message = service.detail(messageId, locale).orElseThrow().message();
        return Response.created(URI.create("/api/messages/" + messageId)).entity(message).build();
    }
}
