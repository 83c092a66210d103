package app.relais.monitoring;

import app.relais.delivery.DailyQuota;
import app.relais.delivery.QuotaResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Today's quota as the delivery engine sees it: for the engine's sender, {@link DailyQuota#status()}
 * (the live Redis counter, never below the durable copy, against the engine's own limit) instead of
 * re-deriving it; other senders (another number, a past configuration) from daily_quota_counters.
 * When Redis cannot be read, the durable copy alone is shown.
 */
@ApplicationScoped
public class EngineQuotaSource extends DatabaseQuotaSource {

    private static final Logger LOG = Logger.getLogger(EngineQuotaSource.class);

    @Inject
    DailyQuota quota;

    @Override
    public List<QuotaUsage> usage(LocalDate day) {
        List<QuotaUsage> stored = super.usage(day);
        QuotaResponse live;
        try {
            live = quota.status();
        } catch (RuntimeException e) {
            LOG.debugf("Engine quota unreadable (%s); showing the durable counters", e.getMessage());
            return stored;
        }
        if (!live.day().equals(day)) {
            return stored;
        }
        String sender = quota.sender();
        List<QuotaUsage> result = new ArrayList<>();
        result.add(QuotaUsage.of(day, sender, live.used(), live.limit()));
        for (QuotaUsage u : stored) {
            // The placeholder row of DatabaseQuotaSource (nothing stored yet) has used = 0 and is replaced.
            if (!u.sender().equals(sender) && !(u.used() == 0 && u.sender().equals(config.defaultSender()))) {
                result.add(u);
            }
        }
        return result;
    }
}
