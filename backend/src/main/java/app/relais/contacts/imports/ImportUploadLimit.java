package app.relais.contacts.imports;

import app.relais.common.i18n.Messages;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Body limits by route, before any byte is read. quarkus.http.limits.max-body-size is one global
 * ceiling (it must admit a CSV upload); this filter keeps the JSON API at its own limit and answers
 * an oversized upload (by Content-Length) with a 413 Problem at once, whatever the authentication.
 */
@ApplicationScoped
public class ImportUploadLimit {

    static final String IMPORT_PATH = "/api/contacts/import";

    @ConfigProperty(name = "relais.contacts.import.max-upload-size", defaultValue = "50M")
    MemorySize maxUploadSize;

    @ConfigProperty(name = "relais.http.max-json-body-size", defaultValue = "2M")
    MemorySize maxJsonBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && ctx.request().method() != HttpMethod.GET) {
            long size;
            try {
                size = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            boolean upload = ctx.normalizedPath().startsWith(IMPORT_PATH);
            // Multipart framing adds a few hundred bytes around the file itself.
            long limit = upload ? maxUploadSize.asLongValue() + 64 * 1024 : maxJsonBodySize.asLongValue();
            if (size > limit) {
                reject(ctx, upload);
                return;
            }
        }
        ctx.next();
    }

    private void reject(RoutingContext ctx, boolean upload) {
        Locale locale = Messages.negotiate(ctx.acceptableLanguages().stream()
                .map(l -> Locale.forLanguageTag(l.tag())).toList());
        String code = upload ? "import-too-large" : "payload-too-large";
        JsonObject problem = new JsonObject()
                .put("type", "https://relais.app/problems/" + code)
                .put("title", Messages.getOrDefault(locale, "problem." + code + ".title", "Payload too large"))
                .put("status", 413)
                .put("detail", Messages.getOrDefault(locale, "problem." + code + ".detail", "",
                        maxUploadSize.asLongValue() / (1024 * 1024)))
                .put("instance", ctx.normalizedPath())
                .put("code", code);
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close").end(problem.encode());
    }
}
