package app.relais.auth;

import app.relais.common.i18n.Messages;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * A refresh from a foreign Origin answers the contract's 403 Problem {@code origin_refused}, ahead of the
 * CORS filter (which would refuse it with an empty 403 that no client can read). Same rule as the check
 * of cookie refreshes in {@link AuthResource}: ALLOWED_ORIGINS or the API's own origin.
 */
@ApplicationScoped
public class RefreshOriginGuard {

    @Inject
    RefreshCookie cookie;

    void install(@Observes Router router) {
        router.post("/api/auth/refresh").order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || cookie.originAllowed(origin, ctx.request())) {
            ctx.next();
            return;
        }
        Locale locale = Messages.negotiate(ctx.acceptableLanguages().stream()
                .map(l -> Locale.forLanguageTag(l.tag())).toList());
        String code = "origin_refused";
        JsonObject problem = new JsonObject()
                .put("type", "https://relais.app/problems/" + code)
                .put("title", Messages.getOrDefault(locale, "problem." + code + ".title", "Origin refused"))
                .put("status", 403)
                .put("detail", Messages.getOrDefault(locale, "problem." + code + ".detail", ""))
                .put("instance", ctx.normalizedPath())
                .put("code", code);
        ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(problem.encode());
    }
}
