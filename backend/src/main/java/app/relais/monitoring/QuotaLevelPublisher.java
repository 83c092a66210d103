package app.relais.monitoring;

import app.relais.events.LiveEventBus;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Publishes a quota.level live event whenever the level seen by this instance changes (and once at start). */
@ApplicationScoped
public class QuotaLevelPublisher {

    @Inject
    MonitoringService monitoring;

    @Inject
    LiveEventBus bus;

    private volatile QuotaLevel lastLevel;

    @Scheduled(every = "5s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        MonitoringResponse.Quota quota = monitoring.quota(Instant.now());
        if (quota.level() != lastLevel) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("level", quota.level().name());
            data.put("previous", lastLevel == null ? null : lastLevel.name());
            data.put("used", quota.used());
            data.put("limit", quota.limit());
            data.put("left", quota.left());
            if (bus.publish("quota.level", data).isPresent()) {
                lastLevel = quota.level();
            }
        }
    }
}
