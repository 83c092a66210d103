package app.relais.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The dashboard cache, on a fake clock and a refresher that runs when the test says so. */
class TtlCacheTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Runnable> pending = new ArrayList<>();
    private final TtlCache cache = new TtlCache(1_000, 5_000, 100, clock::get, pending::add);
    private final AtomicInteger loads = new AtomicInteger();

    private String get() {
        return cache.get("k", () -> "v" + loads.incrementAndGet());
    }

    @Test
    void shouldServeFreshThenStaleWhileOneRefreshRunsThenRecomputeWhenTooOld() {
        assertEquals("v1", get());
        clock.set(999);
        assertEquals("v1", get(), "fresh: no recomputation");
        clock.set(1_500);
        assertEquals("v1", get(), "stale: served at once");
        assertEquals("v1", get());
        assertEquals(1, pending.size(), "one background refresh, however many callers");
        pending.remove(0).run();
        assertEquals("v2", get(), "the refresh replaced the entry");
        clock.set(1_500 + 6_000);
        assertEquals("v3", get(), "older than max-stale: computed by the caller");
        assertEquals(3, loads.get());
    }

    @Test
    void shouldNotCacheFailuresAndBeOffWithAZeroTtl() {
        assertThrows(IllegalStateException.class, () -> cache.get("bad", () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("ok", cache.get("bad", () -> "ok"));
        TtlCache off = new TtlCache(0, 0, 100, clock::get, Runnable::run);
        AtomicInteger n = new AtomicInteger();
        off.get("k", n::incrementAndGet);
        off.get("k", n::incrementAndGet);
        assertEquals(2, n.get());
    }
}
