package app.relais.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The browser's refresh token: an HttpOnly cookie no script can read, sent only to /api/auth and only
 * by pages of our own site (SameSite=Strict). A refresh from the cookie also checks Origin, so that no
 * other site can spend it even where SameSite is not enforced.
 */
@ApplicationScoped
public class RefreshCookie {

    public static final String NAME = "relais_refresh";
    public static final String PATH = "/api/auth";
    /** Request header: with value {@code cookie}, the refresh token travels only in the cookie. */
    public static final String TRANSPORT_HEADER = "X-Refresh-Transport";

    @Inject
    AuthConfig config;

    @ConfigProperty(name = "quarkus.http.cors.origins", defaultValue = "http://localhost:3000,http://127.0.0.1:3000")
    List<String> allowedOrigins;

    @ConfigProperty(name = "relais.environment", defaultValue = "development")
    String environment;

    /** The Set-Cookie value carrying {@code token}. */
    public String set(String token, HttpServerRequest request) {
        return NAME + "=" + token + "; Max-Age=" + config.refreshTokenLifetime().toSeconds() + attributes(request);
    }

    /** The Set-Cookie value that removes the cookie. */
    public String clear(HttpServerRequest request) {
        return NAME + "=; Max-Age=0" + attributes(request);
    }

    private String attributes(HttpServerRequest request) {
        return "; Path=" + PATH + "; HttpOnly; SameSite=Strict" + (secure(request) ? "; Secure" : "");
    }

    boolean secure(HttpServerRequest request) {
        if ("production".equalsIgnoreCase(environment)) {
            return true;
        }
        if (request == null) {
            return false;
        }
        String forwarded = request.getHeader("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(request.scheme())
                || (forwarded != null && forwarded.toLowerCase(Locale.ROOT).contains("https"));
    }

    /** Whether the body's refresh token must stay out of the JSON answer. */
    public static boolean cookieOnly(String transportHeader) {
        return transportHeader != null && "cookie".equalsIgnoreCase(transportHeader.strip());
    }

    /** An Origin of the allowed origins (ALLOWED_ORIGINS) or the request's own; a missing Origin is refused. */
    public boolean originAllowed(String origin, HttpServerRequest request) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        String o = strip(origin);
        for (String allowed : allowedOrigins) {
            if (strip(allowed).equalsIgnoreCase(o)) { // "*" never matches: a cookie refresh needs a named origin
                return true;
            }
        }
        String host = request == null ? null : request.getHeader("Host");
        if (host == null) {
            return false;
        }
        String scheme = request.scheme() == null ? "http" : request.scheme();
        return o.equalsIgnoreCase(scheme + "://" + host)
                || (secure(request) && o.equalsIgnoreCase("https://" + host));
    }

    private static String strip(String origin) {
        String o = origin.strip();
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
