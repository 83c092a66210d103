package app.relais.events;

import app.relais.auth.BearerTokens;
import app.relais.auth.SessionState;
import app.relais.auth.SessionStates;
import app.relais.auth.TokenService;
import app.relais.common.error.ApiException;
import app.relais.common.error.SessionEnded;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may open the event stream, checked by hand (the stream is served on Vert.x, ahead of the JAX-RS
 * security): a ticket from POST /api/events/ticket, or an access token (Authorization header, or the
 * access_token parameter kept for integrators). Either way the user's session must still be valid and
 * their current role allowed, as on every other endpoint.
 */
@ApplicationScoped
public class EventsAuth {

    @Inject
    JWTParser jwtParser;

    @Inject
    SessionStates sessions;

    @Inject
    EventTickets tickets;

    /**
     * Returns the caller's admission (asked again while the stream stays open) when they may listen;
     * otherwise throws the ApiException to answer (401 or 403).
     */
    public SseClients.Admission authenticate(String authorization, String accessToken, String ticket) {
        if (ticket != null && !ticket.isBlank()) {
            EventTickets.Holder holder = tickets.redeem(ticket);
            if (holder == null) {
                throw new ApiException(401, "event-ticket-invalid");
            }
            return requireSession(holder.userId(), holder.generation(), holder.session());
        }
        String token = BearerTokens.extract(authorization, accessToken);
        if (token == null) {
            throw new ApiException(401, "unauthorized");
        }
        JsonWebToken jwt;
        try {
            jwt = jwtParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new ApiException(401, "unauthorized");
        }
        if (jwt.getGroups() == null || jwt.getGroups().stream().noneMatch(EventsResource.ALLOWED::contains)) {
            throw new ApiException(403, "forbidden");
        }
        UUID userId;
        try {
            userId = UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new ApiException(401, SessionEnded.CODE);
        }
        return requireSession(userId, TokenService.generationOf(jwt), TokenService.sessionOf(jwt));
    }

    private SseClients.Admission requireSession(UUID userId, int generation, String session) {
        SessionState state = sessions.current(userId).await().atMost(Duration.ofSeconds(10));
        if (!state.accepts(generation, session)) {
            throw new ApiException(401, SessionEnded.CODE);
        }
        if (!EventsResource.ALLOWED.contains(state.role())) {
            throw new ApiException(403, "forbidden");
        }
        return () -> sessions.current(userId)
                .map(s -> s.accepts(generation, session) && EventsResource.ALLOWED.contains(s.role()));
    }
}
