package app.relais.monitoring;

import java.time.LocalDate;
import java.util.List;

/**
 * Where today's quota usage comes from. The default reads daily_quota_counters (the durable copy);
 * the delivery engine may provide a bean reading its live Redis counters instead.
 */
public interface QuotaSource {

    /** One entry per sender (at least one), for the given day of the quota time zone. */
    List<QuotaUsage> usage(LocalDate day);
}
