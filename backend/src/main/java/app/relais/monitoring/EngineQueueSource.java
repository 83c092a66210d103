package app.relais.monitoring;

import app.relais.delivery.RedisEngine;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * The send queue as the delivery engine holds it: its two Redis Streams (Message 2 first, Message 1)
 * and their consumer group. Depth = entries not yet handed to a worker, in flight = entries a worker
 * holds and has not acknowledged (XPENDING), oldest = the first entry still in a stream (an entry id
 * is its enqueue time). Messages waiting for a retry back-off are not in a stream yet. When Redis
 * cannot be read, the database's view is shown instead ({@link DatabaseQueueSource}).
 */
@ApplicationScoped
public class EngineQueueSource extends DatabaseQueueSource {

    private static final Logger LOG = Logger.getLogger(EngineQueueSource.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Redis redis;

    @Inject
    RedisEngine engine;

    @Override
    public QueueSnapshot snapshot() {
        try {
            long entries = 0;
            long pending = 0;
            Long oldestMs = null;
            for (boolean priority : new boolean[] { true, false }) {
                String stream = engine.stream(priority);
                Response len = send(Request.cmd(Command.XLEN).arg(stream));
                entries += len == null ? 0 : len.toLong();
                pending += pending(stream);
                Response first = send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+").arg("COUNT").arg(1));
                if (first != null && first.size() > 0) {
                    String id = first.get(0).get(0).toString();
                    long ms = Long.parseLong(id.substring(0, id.indexOf('-')));
                    oldestMs = oldestMs == null ? ms : Math.min(oldestMs, ms);
                }
            }
            OffsetDateTime oldest = oldestMs == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(oldestMs), ZoneOffset.UTC);
            Long age = oldest == null ? null : Math.max(0, Duration.between(oldest, OffsetDateTime.now()).toSeconds());
            return new QueueSnapshot(Math.max(0, entries - pending), oldest, age, pending, "redis-stream");
        } catch (RuntimeException e) {
            LOG.debugf("Engine queue unreadable (%s); showing the database's view", e.getMessage());
            return super.snapshot();
        }
    }

    private long pending(String stream) {
        try {
            Response r = send(Request.cmd(Command.XPENDING).arg(stream).arg(RedisEngine.GROUP));
            return r == null || r.size() == 0 || r.get(0) == null ? 0 : r.get(0).toLong();
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                return 0;
            }
            throw e;
        }
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(TIMEOUT);
    }
}
