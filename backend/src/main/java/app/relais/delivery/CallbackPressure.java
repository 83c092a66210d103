package app.relais.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;

/**
 * Back-pressure from the webhook to the engine. Twilio's callbacks (three per message) and the engine's
 * creates share this process's CPU and database: unpaced, the engine can hand over messages faster than
 * the webhook can record their statuses, and the statuses then arrive tens of seconds late (measured on
 * 2 cores: 1,100 msg/s sent, 430–580 callbacks/s recorded, lag p99 28 s). The webhook's answer time is
 * the signal: while its moving average stays above {@link #HIGH_MS} the engine's window of creates in
 * flight shrinks (× 0.7 every {@link #STEP_MS}), below {@link #LOW_MS} it grows back (+ 5 % of the window).
 * Without callbacks for {@link #QUIET_MS} (none configured, or none yet) the whole window is allowed.
 * Only the unpaced lane yields: a rate set by the admin (a sender's 80 msg/s) is kept.
 */
@ApplicationScoped
public class CallbackPressure {

    static final double HIGH_MS = 25;
    static final double LOW_MS = 12;
    static final long STEP_MS = 200;
    static final long QUIET_MS = 3_000;
    /** Never fewer creates in flight than this: at 100–300 ms per create, ≈ 80 msg/s, a sender's rate. */
    static final int MIN_IN_FLIGHT = 16;
    private static final double ALPHA = 0.05;

    private final LongSupplier nanoTime;
    private double averageMs = -1;
    private long lastSample = Long.MIN_VALUE;
    private long lastStep = Long.MIN_VALUE;
    private double limit = Double.NaN;

    public CallbackPressure() {
        this(System::nanoTime);
    }

    CallbackPressure(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A callback answered in {@code nanos} (from the webhook's first filter to its response). */
    public synchronized void observe(long nanos) {
        double ms = nanos / 1e6;
        averageMs = averageMs < 0 ? ms : averageMs + ALPHA * (ms - averageMs);
        lastSample = nanoTime.getAsLong();
    }

    /** How many of the {@code window}'s creates may be in flight now. */
    public synchronized int limit(int window) {
        long now = nanoTime.getAsLong();
        if (Double.isNaN(limit) || limit > window) {
            limit = window;
        }
        if (lastSample == Long.MIN_VALUE || now - lastSample > QUIET_MS * 1_000_000L) {
            limit = window;
            return window;
        }
        if (lastStep == Long.MIN_VALUE || now - lastStep >= STEP_MS * 1_000_000L) {
            lastStep = now;
            if (averageMs > HIGH_MS) {
                limit = Math.max(Math.min(MIN_IN_FLIGHT, window), limit * 0.7);
            } else if (averageMs < LOW_MS) {
                limit = Math.min(window, limit + Math.max(1, window / 20.0));
            }
        }
        return (int) Math.ceil(limit);
    }

    /** The webhook's moving average answer time (ms), -1 before the first callback. */
    public synchronized double averageMs() {
        return averageMs;
    }
}
