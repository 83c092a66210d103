package app.relais.common.web;

import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose Content-Length is over quarkus.http.limits.max-body-size is answered 413 as Problem
 * Details (French or English) before its body is read; Vert.x would otherwise close it with an empty
 * 413. Bodies sent without a length are still cut by Vert.x at the same limit.
 */
@ApplicationScoped
public class RequestSizeLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                Locale locale = Messages.negotiate(languages(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
                Problem problem = new Problem(Problem.TYPE_BASE + "payload-too-large",
                        Messages.get(locale, "problem.payload-too-large.title"), 413,
                        Messages.get(locale, "problem.payload-too-large.detail"), ctx.request().path(),
                        "payload-too-large", List.of(), Map.of("limitBytes", limit));
                String body;
                try {
                    body = json.writeValueAsString(problem);
                } catch (JsonProcessingException e) {
                    body = "{\"status\":413,\"code\":\"payload-too-large\"}";
                }
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
            ctx.next();
        });
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<Locale> languages(String header) {
        List<Locale> locales = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return locales;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                locales.add(Locale.forLanguageTag(range.getRange()));
            }
        } catch (IllegalArgumentException ignored) {
            // A malformed header: the default language.
        }
        return locales;
    }
}
