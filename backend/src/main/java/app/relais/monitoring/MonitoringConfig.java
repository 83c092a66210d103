package app.relais.monitoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "relais.monitoring")
public interface MonitoringConfig {

    /** Default daily quota when daily_quota_counters has no row yet (DAILY_MESSAGE_LIMIT). */
    @WithDefault("1000")
    int dailyLimit();

    /** Sender shown when no quota row exists yet. */
    @WithDefault("default")
    String defaultSender();

    /** No valid callback for this long while messages were sent before it: the webhook is stale. */
    @WithDefault("PT10M")
    Duration webhookStaleAfter();

    /** An instance whose heartbeat is older than this is dead. */
    @WithDefault("PT30S")
    Duration instanceDeadAfter();

    /** A waiting message older than this degrades the status. */
    @WithDefault("PT10M")
    Duration queueAgeWarning();

    /** Failure rate over the last hour above this (with at least 20 attempts) degrades the status. */
    @WithDefault("0.2")
    double failureRateWarning();

    /** Probe the provider's API base URL (off in tests: no network). */
    @WithDefault("true")
    boolean providerProbe();

    /** The provider's API base URL (TWILIO_API_BASE_URL). */
    @WithDefault("https://api.twilio.com")
    String providerUrl();

    /** This instance's name in the liveness list (INSTANCE_ID); host and pid when absent. */
    Optional<String> instanceId();

    /**
     * Bearer token that opens /q/metrics to a remote Prometheus (METRICS_TOKEN); empty: only a scrape
     * from this machine (loopback, not through a proxy) is answered.
     */
    Optional<String> metricsToken();
}
