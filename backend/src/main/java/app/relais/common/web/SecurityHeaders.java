package app.relais.common.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every HTTP response (API, Swagger UI, health, errors): no MIME sniffing, no
 * framing, no referrer; HSTS when running in production (behind TLS).
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
                if (production) {
                    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                }
            });
            ctx.next();
        });
    }
}
