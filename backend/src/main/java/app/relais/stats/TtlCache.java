package app.relais.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A small read-through cache for dashboard answers: an entry younger than {@code ttl} is served as
 * is; an entry older than that but younger than {@code maxStale} is served too while ONE background
 * refresh replaces it (so no request waits for a recomputation once the cache is warm); an older or
 * missing entry is computed by the caller, one caller per key at a time. A ttl of 0 turns it off.
 * Failures are not cached. Bounded: past {@code maxEntries} keys it starts over.
 */
public final class TtlCache {

    private record Entry(Object value, long loadedAt) {
    }

    private final long ttlNanos;
    private final long maxStaleNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Executor refresher;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();

    public TtlCache(long ttlNanos, long maxStaleNanos, int maxEntries, LongSupplier nanoClock, Executor refresher) {
        this.ttlNanos = ttlNanos;
        this.maxStaleNanos = Math.max(ttlNanos, maxStaleNanos);
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.refresher = refresher;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> loader) {
        if (ttlNanos <= 0) {
            return loader.get();
        }
        Entry e = entries.get(key);
        long now = nanoClock.getAsLong();
        if (e != null && now - e.loadedAt < ttlNanos) {
            return (T) e.value;
        }
        if (e != null && now - e.loadedAt < maxStaleNanos) {
            if (refreshing.putIfAbsent(key, Boolean.TRUE) == null) {
                try {
                    refresher.execute(() -> {
                        try {
                            load(key, loader);
                        } catch (RuntimeException ignored) {
                            // the stale value stays until maxStale; the next caller computes it
                        } finally {
                            refreshing.remove(key);
                        }
                    });
                } catch (RuntimeException rejected) {
                    refreshing.remove(key);
                }
            }
            return (T) e.value;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Entry again = entries.get(key);
            if (again != null && nanoClock.getAsLong() - again.loadedAt < ttlNanos) {
                return (T) again.value;
            }
            return load(key, loader);
        }
    }

    private <T> T load(String key, Supplier<T> loader) {
        T value = loader.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
            locks.clear();
        }
        entries.put(key, new Entry(value, nanoClock.getAsLong()));
        return value;
    }

    /** Forgets every entry (e.g. after a write that the dashboard must show at once). */
    public void clear() {
        entries.clear();
    }
}
