package app.relais.common.config;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Creates every Redis client bean on the main thread before any other start-up observer runs.
 * Quarkus creates them lazily through a plain HashMap (RedisClientRecorder): when our background
 * threads (stream feeder, live-events reader, engine workers) touched Redis while the main thread was
 * still creating another client, start-up failed now and then with a ConcurrentModificationException
 * (seen in a benchmark run).
 */
@ApplicationScoped
public class RedisWarmup {

    void onStart(@Observes @Priority(1) StartupEvent event, Instance<Redis> redis,
            Instance<RedisDataSource> blocking, Instance<ReactiveRedisDataSource> reactive) {
        redis.get().getDelegate();
        blocking.get().getReactive();
        reactive.get().getRedis();
    }
}
