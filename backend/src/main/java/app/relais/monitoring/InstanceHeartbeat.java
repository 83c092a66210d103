package app.relais.monitoring;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Every instance writes "startedAt,lastBeat" (epoch millis) under its name in the Redis hash
 * relais:instances every 5 s; monitoring lists them and calls an instance dead after 30 s of silence.
 * Workers of the engine may write their own fields the same way.
 */
@ApplicationScoped
public class InstanceHeartbeat {

    public static final String KEY = "relais:instances";
    private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class);

    @Inject
    RedisDataSource redis;

    @Inject
    MonitoringConfig config;

    private final long startedAt = System.currentTimeMillis();
    private volatile String name;

    public String instanceName() {
        if (name == null) {
            name = config.instanceId().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName());
        }
        return name;
    }

    /** When this instance started (epoch millis). */
    public long startedAtMillis() {
        return startedAt;
    }

    /**
     * The last heartbeat of the named instance (epoch millis), or -1 when it has none (never seen, gone
     * for a day, or Redis was emptied: a live instance writes its entry again within 5 s).
     */
    public long lastBeatMillis(String instance) {
        String value = redis.hash(String.class).hget(KEY, instance);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.substring(value.lastIndexOf(',') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How long an instance may stay silent before it is called dead. */
    public java.time.Duration deadAfter() {
        return config.instanceDeadAfter();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        try {
            redis.hash(String.class).hset(KEY, instanceName(), startedAt + "," + System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.debugf("heartbeat not written: %s", e.getMessage());
        }
    }

    @Schema(name = "MonitoringInstance")
    public record Instance(String name, Instant startedAt, Instant lastBeat, boolean alive) {
    }

    /** Every instance seen in the last day; older entries are removed. */
    public List<Instance> instances(Instant now) {
        beat();
        List<Instance> result = new ArrayList<>();
        Map<String, String> all = redis.hash(String.class).hgetall(KEY);
        for (Map.Entry<String, String> e : all.entrySet()) {
            String[] parts = e.getValue().split(",");
            try {
                Instant started = Instant.ofEpochMilli(Long.parseLong(parts[0]));
                Instant last = Instant.ofEpochMilli(Long.parseLong(parts[parts.length - 1]));
                if (last.isBefore(now.minusSeconds(86_400))) {
                    redis.hash(String.class).hdel(KEY, e.getKey());
                    continue;
                }
                result.add(new Instance(e.getKey(), started, last, !last.isBefore(now.minus(config.instanceDeadAfter()))));
            } catch (NumberFormatException ex) {
                LOG.debugf("ignoring a malformed heartbeat %s", e.getKey());
            }
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return result;
    }
}
