package app.relais.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** Settings of the statistics read model ({@code relais.stats.*}). */
@ConfigMapping(prefix = "relais.stats")
public interface StatsConfig {

    /** The time zone that cuts days (the quota day too); TZ in the environment. */
    @WithDefault("Europe/Paris")
    ZoneId timeZone();

    /** How often the deltas are folded (read by the scheduler expression). */
    @WithDefault("2s")
    String foldEvery();

    /** Unfolded deltas folded per run at most. */
    @WithDefault("200000")
    int foldBatch();

    /** Overview and campaign stats are cached this long per instance (0s: off); see StatsCache. */
    @WithDefault("1s")
    java.time.Duration cacheTtl();

    /** How long a cached answer may still be served while it is refreshed in the background. */
    @WithDefault("5s")
    java.time.Duration cacheMaxStale();
}
