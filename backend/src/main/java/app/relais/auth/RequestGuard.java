package app.relais.auth;

import app.relais.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before every API call, after Quarkus verified the bearer token: the API rate limit (per user
 * when there is a token, per IP
 * otherwise; Redis-backed, so it holds across instances; fails open when Redis is down) and the
 * must-change-password rule.
 */
public class RequestGuard {

    private static final List<String> UNLIMITED = List.of("/api/webhooks", "/api/health", "/api/docs", "/api/openapi",
            "/simulator", "/q/");
    private static final List<String> ALLOWED_BEFORE_PASSWORD_CHANGE = List.of("/api/auth/me",
            "/api/auth/change-password", "/api/auth/logout", "/api/auth/refresh", "/api/auth/login");

    /** The token Quarkus already verified for this request (proactive authentication); empty when anonymous. */
    @Inject
    JsonWebToken jwt;

    @Inject
    ApiRateLimiter limiter;

    @ConfigProperty(name = "relais.rate-limit.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "relais.rate-limit.user-per-minute", defaultValue = "1200")
    int userPerMinute;

    @ConfigProperty(name = "relais.rate-limit.anonymous-per-minute", defaultValue = "300")
    int anonymousPerMinute;

    @ServerRequestFilter(priority = 100)
    public Uni<Void> guard(ContainerRequestContext context, HttpServerRequest http) {
        String path = context.getUriInfo().getPath();
        if (UNLIMITED.stream().anyMatch(path::startsWith)) {
            return Uni.createFrom().voidItem();
        }
        JsonWebToken token = jwt.getRawToken() == null ? null : jwt;
        if (token != null && "true".equals(String.valueOf((Object) token.getClaim(TokenService.PASSWORD_CHANGE_CLAIM)))
                && ALLOWED_BEFORE_PASSWORD_CHANGE.stream().noneMatch(path::startsWith)) {
            return Uni.createFrom().failure(new ApiException(403, "password-change-required"));
        }
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        Uni<ApiRateLimiter.Decision> hit = token != null
                ? limiter.hitUser(token.getSubject(), userPerMinute)
                : limiter.hitAddress(AuthResource.ip(http), anonymousPerMinute);
        int limit = token != null ? userPerMinute : anonymousPerMinute;
        return hit.onItem().transformToUni(decision -> decision.allowed()
                ? Uni.createFrom().<Void>voidItem()
                : Uni.createFrom().<Void>failure(new ApiException(429, "rate-limited", List.of(),
                        Map.of("limit", limit), decision.retryAfterSeconds(), decision.retryAfterSeconds())));
    }
}
