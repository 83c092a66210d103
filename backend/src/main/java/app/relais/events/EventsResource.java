package app.relais.events;

import app.relais.auth.BearerTokens;
import app.relais.common.api.Roles;
import app.relais.common.error.ApiException;
import app.relais.common.error.Problem;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/events")
@Tag(name = "Live events", description = "Server-Sent Events for the dashboard; see docs/supervision.md")
public class EventsResource {

    static final Set<String> ALLOWED = Set.of(Roles.ADMIN, Roles.SUPER_ADMIN);

    @Inject
    JWTParser jwtParser;

    @Inject
    SseClients clients;

    /**
     * The browser's EventSource cannot send an Authorization header, so this endpoint (and only this
     * one) also accepts the access token as {@code ?access_token=}; it is checked here, by hand,
     * with the same key, issuer and roles as every other endpoint.
     */
    @GET
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live events: message.status, message.inbound, campaign.progress, quota.level, resync")
    @APIResponse(responseCode = "200", description = "An event stream; a comment every 15 s keeps it open")
    @APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public void events(@Context SseEventSink sink, @Context Sse sse,
            @HeaderParam("Authorization") String authorization,
            @Parameter(description = "The access token, for EventSource which cannot send headers") @QueryParam("access_token") String accessToken,
            @Parameter(description = "Resume after this event id (EventSource sends it when it reconnects)") @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "Same as the Last-Event-ID header, for clients that cannot set it") @QueryParam("lastEventId") String lastEventIdParam) {
        authenticate(authorization, accessToken);
        clients.open(sink, sse, lastEventId != null ? lastEventId : lastEventIdParam);
    }

    private void authenticate(String authorization, String accessToken) {
        String token = BearerTokens.extract(authorization, accessToken);
        if (token == null) {
            throw new ApiException(401, "unauthorized");
        }
        JsonWebToken jwt;
        try {
            jwt = jwtParser.parse(token);
        } catch (ParseException e) {
            throw new ApiException(401, "unauthorized");
        }
        if (jwt.getGroups() == null || jwt.getGroups().stream().noneMatch(ALLOWED::contains)) {
            throw new ApiException(403, "forbidden");
        }
    }
}
