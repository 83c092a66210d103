package app.relais.monitoring;

import app.relais.common.db.Jdbc;
import app.relais.events.SseClients;
import app.relais.stats.ErrorExplanations;
import app.relais.stats.Rates;
import app.relais.stats.StatsConfig;
import app.relais.whatsapp.WebhookMonitor;
import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the monitoring snapshot from the database, Redis and the pluggable quota/queue sources. */
@ApplicationScoped
public class MonitoringService {

    private static final String MINUTES = """
            SELECT minute, sum(sent), sum(failed) FROM (
                SELECT minute, sent, failed FROM stats_minutely WHERE minute >= ? AND minute < ?
                UNION ALL
                SELECT minute, sent, failed FROM stats_deltas WHERE minute >= ? AND minute < ?
            ) x GROUP BY minute
            """;

    @Inject
    WebhookMonitor webhookMonitor;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RedisDataSource redis;

    @Inject
    QuotaSource quotaSource;

    @Inject
    QueueSource queueSource;

    @Inject
    InstanceHeartbeat heartbeat;

    @Inject
    ProviderProbe providerProbe;

    @Inject
    MonitoringConfig config;

    @Inject
    StatsConfig statsConfig;

    @Inject
    SseClients sseClients;

    public MonitoringResponse.Quota quota(Instant now) {
        List<QuotaUsage> senders = quotaSource.usage(now.atZone(statsConfig.timeZone()).toLocalDate());
        // The worst sender sets the level: that one stops sending first.
        QuotaUsage worst = senders.get(0);
        long used = 0;
        long limit = 0;
        for (QuotaUsage u : senders) {
            used += u.used();
            limit += u.limit();
            if (u.level().compareTo(worst.level()) > 0) {
                worst = u;
            }
        }
        return new MonitoringResponse.Quota(used, limit, Math.max(0, limit - used), worst.level(), senders);
    }

    public MonitoringResponse snapshot(Instant now, Locale locale) {
        List<String> critical = new ArrayList<>();
        List<String> degraded = new ArrayList<>();

        MonitoringResponse.Quota quota = quota(now);
        if (quota.level() == QuotaLevel.BLOCKED) {
            critical.add("quota-blocked");
        } else if (quota.level() == QuotaLevel.DANGER) {
            degraded.add("quota-danger");
        }

        QueueSnapshot queue = queueSource.snapshot();
        if (queue.oldestAgeSeconds() != null && queue.oldestAgeSeconds() > config.queueAgeWarning().toSeconds()
                && quota.level() != QuotaLevel.BLOCKED) {
            degraded.add("queue-stalled");
        }

        Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
        Map<Instant, long[]> minutes = minutes(thisMinute.minus(Duration.ofMinutes(60)), thisMinute.plusSeconds(60));
        List<MonitoringResponse.Minute> perMinute = new ArrayList<>();
        long hourSent = 0;
        long hourFailed = 0;
        for (int i = 59; i >= 0; i--) {
            Instant m = thisMinute.minus(Duration.ofMinutes(i));
            long[] v = minutes.getOrDefault(m, new long[2]);
            perMinute.add(new MonitoringResponse.Minute(m, v[0], v[1]));
            hourSent += v[0];
            hourFailed += v[1];
        }
        long[] lastFull = minutes.getOrDefault(thisMinute.minus(Duration.ofMinutes(1)), new long[2]);
        BigDecimal perSecond = BigDecimal.valueOf(lastFull[0] + lastFull[1]).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
        BigDecimal failureRate = Rates.failureRate(hourFailed, hourSent);
        if (failureRate != null && hourSent + hourFailed >= 20 && failureRate.doubleValue() > config.failureRateWarning()) {
            degraded.add("high-failure-rate");
        }

        List<MonitoringResponse.ErrorCount> errors = new ArrayList<>();
        Jdbc.query(dataSource, """
                SELECT error_code, count(*) FROM messages
                WHERE failed_at >= ? AND status IN ('failed', 'undelivered') GROUP BY error_code ORDER BY 2 DESC, 1
                """, ps -> ps.setObject(1, now.minus(Duration.ofHours(24)).atOffset(ZoneOffset.UTC)), rs -> {
            Integer code = (Integer) rs.getObject(1);
            errors.add(new MonitoringResponse.ErrorCount(code, rs.getLong(2), ErrorExplanations.explain(code, locale)));
        });

        MonitoringResponse.Webhook webhook = webhook(now);
        if (webhook.stale()) {
            degraded.add("webhook-stale");
        }

        ProviderProbe.Result probe = providerProbe.last();
        if ("unreachable".equals(probe.state())) {
            degraded.add("provider-unreachable");
        }

        List<InstanceHeartbeat.Instance> instances;
        try {
            instances = heartbeat.instances(now);
        } catch (RuntimeException e) {
            instances = List.of();
            critical.add("redis-unavailable");
        }

        List<String> reasons = new ArrayList<>(critical);
        reasons.addAll(degraded);
        String status = !critical.isEmpty() ? "critical" : !degraded.isEmpty() ? "degraded" : "healthy";
        return new MonitoringResponse(status, reasons, now, quota, queue,
                new MonitoringResponse.SendRate(perSecond, failureRate, perMinute), errors,
                new MonitoringResponse.Provider(probe.state(), probe.checkedAt(), probe.latencyMs(), probe.detail()),
                webhook, instances, sseClients.count());
    }

    /**
     * The webhook is stale when messages went out more than {@code webhookStaleAfter} ago (within a
     * day) and no valid callback has arrived for that long: Twilio cannot reach us.
     */
    MonitoringResponse.Webhook webhook(Instant now) {
        OffsetDateTime[] last = new OffsetDateTime[1];
        Jdbc.query(dataSource, "SELECT received_at FROM message_status_events ORDER BY id DESC LIMIT 1", ps -> {
        }, rs -> last[0] = rs.getObject(1, OffsetDateTime.class));
        Instant threshold = now.minus(config.webhookStaleAfter());
        boolean silent = last[0] == null || last[0].toInstant().isBefore(threshold);
        boolean stale = false;
        if (silent) {
            Instant from = now.minus(Duration.ofHours(24));
            if (last[0] != null && last[0].toInstant().isAfter(from)) {
                from = last[0].toInstant();
            }
            long sentSince = 0;
            for (long[] v : minutes(from.truncatedTo(ChronoUnit.MINUTES), threshold).values()) {
                sentSince += v[0] + v[1];
            }
            stale = sentSince > 0;
        }
        Long age = last[0] == null ? null : Math.max(0, Duration.between(last[0].toInstant(), now).toSeconds());
        WebhookMonitor.Rejected rejected = webhookMonitor.rejected();
        return new MonitoringResponse.Webhook(last[0], age, stale, rejected.count(), rejected.lastAt(),
                rejected.lastReason());
    }

    private Map<Instant, long[]> minutes(Instant from, Instant to) {
        Map<Instant, long[]> result = new LinkedHashMap<>();
        Jdbc.query(dataSource, MINUTES, ps -> {
            OffsetDateTime f = from.atOffset(ZoneOffset.UTC);
            OffsetDateTime t = to.atOffset(ZoneOffset.UTC);
            ps.setObject(1, f);
            ps.setObject(2, t);
            ps.setObject(3, f);
            ps.setObject(4, t);
        }, rs -> result.put(rs.getObject(1, OffsetDateTime.class).toInstant(), new long[] { rs.getLong(2), rs.getLong(3) }));
        return result;
    }
}
