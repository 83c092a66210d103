package app.relais.stats;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Caches the dashboard's heaviest answers (overview KPIs, one campaign's stats) for
 * {@code relais.stats.cache-ttl} (1 s by default), refreshed in the background for up to
 * {@code relais.stats.cache-max-stale} (5 s): a dashboard polling every few seconds, or a hundred
 * of them, costs one computation per second and per instance, and no request waits for it once warm.
 */
@ApplicationScoped
public class StatsCache {

    @Inject
    StatsConfig config;

    private ExecutorService refresher;
    private TtlCache cache;

    @PostConstruct
    void init() {
        refresher = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "stats-cache-refresh");
            t.setDaemon(true);
            return t;
        });
        cache = new TtlCache(config.cacheTtl().toNanos(), config.cacheMaxStale().toNanos(), 10_000, System::nanoTime, refresher);
    }

    void onStop(@Observes ShutdownEvent ev) {
        refresher.shutdownNow();
    }

    public <T> T get(String key, Supplier<T> loader) {
        return cache.get(key, loader);
    }

    public void clear() {
        cache.clear();
    }
}
