package app.relais.events;

import app.relais.auth.TokenService;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/events")
@Tag(name = "Live events", description = "Server-Sent Events for the dashboard; see docs/supervision.md")
public class EventsResource {

    static final Set<String> ALLOWED = Set.of(Roles.ADMIN, Roles.SUPER_ADMIN);

    @Inject
    EventsAuth auth;

    @Inject
    EventTickets tickets;

    @Inject
    SseClients clients;

    @Inject
    JsonWebToken jwt;

    @Schema(name = "EventTicketResponse", description = "A single-use ticket for GET /api/events?ticket=")
    public record EventTicketResponse(
            @Schema(required = true, description = "Opaque; works once, until expiresAt") String ticket,
            @Schema(required = true, description = "ISO-8601 instant after which the ticket is refused (60 s after issue)",
                    example = "2026-12-03T09:00:00Z") Instant expiresAt) {
    }

    @POST
    @Path("/ticket")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "createEventTicket", summary = "A ticket to open the event stream",
            description = "EventSource cannot send an Authorization header: ask for a ticket with the bearer token, then "
                    + "open GET /api/events?ticket=<ticket>. A ticket works once and for 60 s at most; the stream it "
                    + "opens belongs to the same session (it stops being accepted when the session ends).")
    @APIResponse(responseCode = "201", description = "The ticket",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventTicketResponse.class)))
    @APIResponse(responseCode = "401", description = "Not signed in, or the session ended (session_ended)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<EventTicketResponse> createTicket() {
        EventTickets.Issued issued = tickets.issue(UUID.fromString(jwt.getSubject()), TokenService.generationOf(jwt),
                TokenService.sessionOf(jwt));
        return RestResponse.status(RestResponse.Status.CREATED, new EventTicketResponse(issued.ticket(), issued.expiresAt()));
    }

    /**
     * Normally served by {@link SseRoute}; this method answers the requests it refused (with its refusal)
     * and serves the stream itself when that route is turned off.
     */
    @GET
    @PermitAll
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEvents", summary = "Live events: message.status, message.inbound, campaign.progress, quota.level, resync",
            description = "Open with a ticket from POST /api/events/ticket (`?ticket=`, single use, 60 s). Resumes after "
                    + "the Last-Event-ID header (sent by EventSource when it reconnects) or the lastEventId parameter (for a "
                    + "new EventSource after a new ticket). The Authorization header also works; the access_token "
                    + "parameter is kept for existing integrators only (a long-lived token in a URL ends up in logs).")
    @APIResponse(responseCode = "200", description = "An event stream; a comment every 15 s keeps it open")
    @APIResponse(responseCode = "401", description = "Missing, used or expired ticket, invalid token, or the session ended", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void events(@Context SseEventSink sink, @Context Sse sse, @Context RoutingContext routing,
            @HeaderParam("Authorization") String authorization,
            @Parameter(description = "A ticket from POST /api/events/ticket (single use, 60 s)") @QueryParam("ticket") String ticket,
            @Parameter(description = "The access token (kept for integrators; prefer a ticket)", deprecated = true) @QueryParam("access_token") String accessToken,
            @Parameter(description = "Resume after this event id (EventSource sends it when it reconnects)") @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "Same as the Last-Event-ID header, for a new EventSource") @QueryParam("lastEventId") String lastEventIdParam) {
        RuntimeException refused = routing == null ? null : routing.get(SseRoute.REFUSAL);
        if (refused != null) {
            throw refused;
        }
        SseClients.Admission admission = auth.authenticate(authorization, accessToken, ticket);
        clients.open(sink, sse, lastEventId != null ? lastEventId : lastEventIdParam, admission);
    }
}
