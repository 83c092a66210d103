package app.relais.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The delivery engine's settings (relais.delivery.*). */
@ConfigMapping(prefix = "relais.delivery")
public interface DeliveryConfig {

    /** Runs the workers and the scheduled jobs on this instance. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Threads per instance for the work around a create (claims, quota, pacing waits, outcomes); a create
     * itself holds no thread while the provider answers. Paced, at most 2 × the rate + 1 are used.
     */
    @WithDefault("16")
    int workers();

    /**
     * Creates in flight per instance at most (read, claimed or sent, outcome not yet recorded). Unpaced
     * the engine uses all of it; paced, the rate × 2 s (what the rate needs for 2 s of provider latency).
     */
    @WithDefault("1000")
    int maxInFlight();

    /**
     * Global messages per second, shared by every instance through Redis. Absent: 1 message every 3 s
     * on the Twilio sandbox, 80/s otherwise (Twilio's default per WhatsApp sender). 0 turns pacing off.
     */
    Optional<Double> messagesPerSecond();

    /**
     * Messages per second per sender (From number / Messaging Service), shared by every instance through
     * Redis, on top of the global rate. Absent or 0: no per-sender limit beyond the global one.
     */
    Optional<Double> senderMessagesPerSecond();

    /** DAILY_MESSAGE_LIMIT: messages per day, all campaigns together. */
    @WithDefault("1000")
    int dailyMessageLimit();

    /** The quota day's time zone (TZ). */
    @WithDefault("Europe/Paris")
    String quotaTimeZone();

    /** Back-off before each new attempt after a transient failure; its size + 1 is the attempt count. */
    @WithDefault("60S,120S,240S")
    List<Duration> retryBackoff();

    /** How long after Message 1 a reply still triggers Message 2 (and a silent recipient's cycle ends). */
    @WithDefault("24H")
    Duration replyWindow();

    /** A message still `sending` without a SID this long after its claim is reconciled with the provider. */
    @WithDefault("2M")
    Duration reconcileAfter();

    /** Pending stream entries idle this long (their worker died) are claimed again. */
    @WithDefault("60S")
    Duration pendingTimeout();

    /** Period of the engine's scheduled job (due re-queues, completion, schedules, reconciliation). */
    @WithDefault("5S")
    Duration tickInterval();

    /** Default auto-pause threshold: failure rate over the last N finished Message 1. */
    @WithDefault("0.20")
    double failureRateThreshold();

    @WithDefault("50")
    int failureRateWindow();

    /** Redis key prefix (streams, limiter, quota, locks). */
    @WithDefault("relais:")
    String redisPrefix();

    /** Fault injection for the fault tests; everything off by default, never set in production. */
    Fault fault();

    interface Fault {
        /**
         * Probability that the JVM halts (Runtime.halt, like kill -9) right after the provider accepted a
         * send and before its SID is committed: the case the reconciliation must recover without a resend.
         */
        @WithDefault("0")
        double crashAfterSendProbability();

        /** Halts the JVM the same way right after this instance's N-th accepted send (0: never). Deterministic variant. */
        @WithDefault("0")
        int crashAfterSends();
    }
}
