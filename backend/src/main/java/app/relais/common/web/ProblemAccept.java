package app.relais.common.web;

import app.relais.common.error.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A client that accepts {@code application/problem+json} reads JSON: it is sent the JSON success body
 * too. Generated clients put every media type of an operation's responses in Accept, and one that
 * names only the problem type (an operation whose declared successes have no body type of their own)
 * would otherwise get 406 Not Acceptable for a request that succeeded.
 */
public class ProblemAccept {

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWithProblems(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        String joined = String.join(",", accept);
        String lower = joined.toLowerCase(Locale.ROOT);
        if (lower.contains(Problem.MEDIA_TYPE) && !lower.contains("application/json") && !lower.contains("*/*")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, joined + ", application/json");
        }
    }
}
