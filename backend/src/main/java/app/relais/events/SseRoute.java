package app.relais.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves GET /api/events for authorised clients straight on Vert.x, ahead of RESTEasy: each batch of
 * events becomes ONE write to the HTTP response (the JAX-RS SseEventSink writes and flushes every
 * event on its own, 100,000 writes/s for 1,000 events/s to 100 clients). A request refused by
 * {@link EventsAuth} (no or bad ticket or token, session ended, role not allowed) falls through to
 * {@link EventsResource} with the refusal, which answers it as the same Problem as every other endpoint
 * (and documents the endpoint in OpenAPI).
 */
@ApplicationScoped
public class SseRoute {

    /** Where a refusal waits for {@link EventsResource} (a ticket is used up by the first look). */
    static final String REFUSAL = "relais.events.refusal";

    @Inject
    EventsAuth auth;

    @Inject
    SseClients clients;

    @ConfigProperty(name = "relais.events.raw-route", defaultValue = "true")
    boolean enabled;

    void install(@Observes Router router) {
        if (!enabled) {
            return;
        }
        router.get("/api/events").order(-10).blockingHandler(this::handle, false);
    }

    void handle(RoutingContext ctx) {
        SseClients.Admission admission;
        try {
            admission = auth.authenticate(ctx.request().getHeader("Authorization"), ctx.request().getParam("access_token"),
                    ctx.request().getParam("ticket"));
        } catch (RuntimeException refused) {
            ctx.put(REFUSAL, refused);
            ctx.next(); // EventsResource answers with the Problem
            return;
        }
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last == null) {
            last = ctx.request().getParam("lastEventId");
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true);
        response.putHeader("Content-Type", "text/event-stream");
        response.putHeader("Cache-Control", "no-cache");
        response.putHeader("X-Accel-Buffering", "no");
        clients.open(new RawOut(response), last, admission);
    }

    /** Writes a whole batch as one chunk. */
    static final class RawOut implements SseClients.Out {
        private final HttpServerResponse response;
        private volatile boolean closed;

        RawOut(HttpServerResponse response) {
            this.response = response;
            response.closeHandler(v -> closed = true);
            response.exceptionHandler(e -> closed = true);
        }

        @Override
        public CompletionStage<?> send(List<SseClients.Item> batch) {
            StringBuilder sb = new StringBuilder(batch.size() * 160);
            for (SseClients.Item i : batch) {
                i.appendTo(sb);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (closed) {
                done.completeExceptionally(new IllegalStateException("client went away"));
                return done;
            }
            response.write(Buffer.buffer(sb.toString())).onComplete(ar -> {
                if (ar.succeeded()) {
                    done.complete(null);
                } else {
                    closed = true;
                    done.completeExceptionally(ar.cause());
                }
            });
            return done;
        }

        @Override
        public boolean isClosed() {
            return closed || response.closed() || response.ended();
        }

        @Override
        public void close() {
            closed = true;
            if (!response.ended() && !response.closed()) {
                try {
                    response.end();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        }
    }
}
