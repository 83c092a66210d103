package app.relais.messages.log;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.ApiException;
import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The messages log of the dashboard: every message, both directions, filterable; and one message's history. */
@Path("/api/messages")
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
@APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class MessageLogResource {

    @Inject
    MessageLogService service;

    @Context
    HttpHeaders headers;

    @GET
    @Operation(operationId = "listMessages", summary = "Messages log, newest first, with filters (status, kind, direction, campaign, contact, error code, period, phone)")
    @APIResponse(responseCode = "200", description = "A page; total is counted up to 10,000 (totalExact false beyond)")
    @APIResponse(responseCode = "400", description = "Bad filter or paging", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public PageResponse<MessageResponse> list(
            @Parameter(description = "One or more statuses, comma-separated", example = "failed,undelivered", explode = Explode.FALSE,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = MessageLogResource.Status.class)) @QueryParam("status") String status,
            @Parameter(example = "message_1", schema = @Schema(enumeration = { "message_1", "message_2", "reply", "manual", "test" })) @QueryParam("kind") String kind,
            @Parameter(example = "inbound", schema = @Schema(enumeration = { "outbound", "inbound" })) @QueryParam("direction") String direction,
            @QueryParam("campaignId") UUID campaignId, @QueryParam("contactId") UUID contactId,
            @Parameter(example = "63016") @QueryParam("errorCode") Integer errorCode,
            @Parameter(description = "Created at or after (ISO-8601)", example = "2026-11-01T00:00:00Z") @QueryParam("since") OffsetDateTime since,
            @Parameter(description = "Created before (ISO-8601)") @QueryParam("until") OffsetDateTime until,
            @Parameter(description = "The contact's number in E.164", example = "+33612345678") @QueryParam("phone") String phone,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        List<String> statuses = status == null || status.isBlank() ? List.of()
                : Arrays.stream(status.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return service.list(new MessageLogService.Filter(statuses, blank(kind), blank(direction), campaignId, contactId,
                errorCode, since, until, blank(phone)), PageRequest.of(page, size), locale());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMessage", summary = "One message with every status callback received for it")
    @APIResponse(responseCode = "200", description = "The message and its status events")
    @APIResponse(responseCode = "404", description = "No such message", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public MessageDetailResponse get(@PathParam("id") UUID id) {
        return service.detail(id, locale()).orElseThrow(() -> ApiException.notFound("Message", id));
    }

    private Locale locale() {
        return Messages.negotiate(headers.getAcceptableLanguages());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The message statuses, for the OpenAPI document only (the status filter is a comma-separated list). */
    @Schema(name = "MessageStatus", type = SchemaType.STRING, enumeration = { "queued", "sending", "sent", "delivered",
            "read", "failed", "undelivered", "received" })
    public interface Status {
    }
}
