package app.relais.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.ZoneId;

/** Settings of the statistics read model ({@code relais.stats.*}). */
@ConfigMapping(prefix = "relais.stats")
public interface StatsConfig {

    /** The time zone that cuts days (the quota day too); TZ in the environment. */
    @WithDefault("Europe/Paris")
    ZoneId timeZone();

    /** Price of one sent message, for the estimated cost (STATS_PRICE_PER_MESSAGE). */
    @WithDefault("0.0050")
    BigDecimal pricePerMessage();

    /** ISO 4217 currency of the price (STATS_CURRENCY). */
    @WithDefault("USD")
    String currency();

    /** How often the deltas are folded (read by the scheduler expression). */
    @WithDefault("2s")
    String foldEvery();

    /** Unfolded deltas folded per run at most. */
    @WithDefault("200000")
    int foldBatch();
}
