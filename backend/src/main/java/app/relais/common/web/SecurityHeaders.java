package app.relais.common.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every HTTP response (API, Swagger UI, health, errors): no MIME sniffing, no
 * framing, no referrer; HSTS when running in production (behind TLS). API answers are not stored by
 * caches ({@code Cache-Control: no-store}: they hold personal data and tokens) unless the endpoint set
 * its own policy, and an answer whose CORS origin echoes the caller's says so ({@code Vary: Origin}),
 * so a shared cache never hands one origin's answer to another.
 */
@ApplicationScoped
public class SecurityHeaders {

    @ConfigProperty(name = "relais.environment", defaultValue = "development")
    String environment;

    void install(@Observes Router router) {
        boolean production = "production".equalsIgnoreCase(environment);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                var headers = ctx.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "no-referrer");
                if (!headers.contains("Content-Security-Policy")) {
                    headers.set("Content-Security-Policy", "frame-ancestors 'none'");
                }
                if (ctx.normalizedPath().startsWith("/api/") && !ctx.normalizedPath().startsWith("/api/docs")
                        && !headers.contains("Cache-Control")) {
                    headers.set("Cache-Control", "no-store");
                }
                String allowed = headers.get("Access-Control-Allow-Origin");
                if (allowed != null && !"*".equals(allowed)) {
                    String vary = headers.get("Vary");
                    if (vary == null || vary.isBlank()) {
                        headers.set("Vary", "Origin");
                    } else if (java.util.Arrays.stream(vary.split(",")).map(String::trim)
                            .noneMatch("Origin"::equalsIgnoreCase)) {
                        headers.set("Vary", vary + ", Origin");
                    }
                }
                if (production) {
                    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                }
            });
            ctx.next();
        });
    }
}
