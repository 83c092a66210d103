package app.relais.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The only definitions of the rates shown anywhere (docs/statistiques.md). Counts are milestones:
 * sent = status sent, delivered or read; delivered = delivered or read; read = read;
 * failed = failed or undelivered; attempted = sent + failed (queued and sending excluded).
 */
public final class Rates {

    private Rates() {
    }

    /** Delivery rate, the dashboard's "taux de succès": delivered / attempted. */
    public static BigDecimal deliveryRate(long delivered, long sent, long failed) {
        return ratio(delivered, sent + failed);
    }

    /** Read rate: read / delivered. */
    public static BigDecimal readRate(long read, long delivered) {
        return ratio(read, delivered);
    }

    /** Reply rate: replies / delivered (replies are inbound messages, or replying contacts per campaign). */
    public static BigDecimal replyRate(long replied, long delivered) {
        return ratio(replied, delivered);
    }

    /** Failure rate: failed / attempted. */
    public static BigDecimal failureRate(long failed, long sent) {
        return ratio(failed, sent + failed);
    }

    /** A ratio between 0 and 1 with four decimals, or null when the denominator is zero. */
    public static BigDecimal ratio(long numerator, long denominator) {
        if (denominator <= 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }
}
