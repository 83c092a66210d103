package app.relais.monitoring;

import app.relais.common.i18n.Messages;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Keeps Quarkus' /q/metrics (every route with its counts, the quota, JVM data) from the public: it is
 * answered to a scrape from this machine (a loopback peer, and no proxy header: a proxy on the same
 * host forwards strangers) or to {@code Authorization: Bearer <METRICS_TOKEN>} when that token is set
 * (Prometheus' {@code authorization.credentials_file}); anyone else gets a 401 Problem. Admins also
 * have /api/metrics with their usual token.
 */
@ApplicationScoped
public class MetricsAccess {

    static final String PATH = "/q/metrics";

    private final byte[] token;

    public MetricsAccess(MonitoringConfig config) {
        this.token = config.metricsToken().filter(t -> !t.isBlank())
                .map(t -> ("Bearer " + t.strip()).getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    void install(@Observes Router router) {
        router.route(PATH + "*").order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    void check(RoutingContext ctx) {
        if (fromThisMachine(ctx) || hasToken(ctx)) {
            ctx.next();
            return;
        }
        Locale locale = Messages.negotiate(ctx.acceptableLanguages().stream()
                .map(l -> Locale.forLanguageTag(l.tag())).toList());
        JsonObject problem = new JsonObject()
                .put("type", "https://relais.app/problems/unauthorized")
                .put("title", Messages.getOrDefault(locale, "problem.unauthorized.title", "Unauthorized"))
                .put("status", 401)
                .put("detail", Messages.getOrDefault(locale, "problem.metrics-unauthorized.detail", ""))
                .put("instance", PATH)
                .put("code", "unauthorized");
        ctx.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("WWW-Authenticate", "Bearer").end(problem.encode());
    }

    private boolean hasToken(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        return token != null && header != null
                && MessageDigest.isEqual(token, header.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean fromThisMachine(RoutingContext ctx) {
        var headers = ctx.request().headers();
        if (headers.contains("X-Forwarded-For") || headers.contains("Forwarded") || headers.contains("X-Real-IP")) {
            return false;
        }
        SocketAddress peer = ctx.request().remoteAddress();
        if (peer == null || peer.hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(peer.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
