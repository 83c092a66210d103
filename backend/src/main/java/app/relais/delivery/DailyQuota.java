package app.relais.delivery;

import app.relais.whatsapp.WhatsAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * DAILY_MESSAGE_LIMIT across every campaign and instance: checked and taken atomically in Redis (one
 * Lua script), the durable copy in daily_quota_counters (raised with every accepted send), so a flushed
 * Redis restarts from the database's count, not from zero.
 */
@ApplicationScoped
public class DailyQuota {

    private final RedisEngine redis;
    private final DeliveryStore store;
    private final EngineClock clock;
    private final DeliveryConfig config;
    private final WhatsAppConfig whatsapp;

    public DailyQuota(RedisEngine redis, DeliveryStore store, EngineClock clock, DeliveryConfig config,
            WhatsAppConfig whatsapp) {
        this.redis = redis;
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.whatsapp = whatsapp;
    }

    public ZoneId zone() {
        return ZoneId.of(config.quotaTimeZone());
    }

    public LocalDate today() {
        return clock.today(zone());
    }

    public int limit() {
        return config.dailyMessageLimit();
    }

    public String sender() {
        return whatsapp.messagingServiceSid().filter(s -> !s.isBlank()).orElse(whatsapp.sandboxNumber());
    }

    /** Takes one message of today's quota: the count after it, or -1 when the quota is used up. */
    public long take(LocalDate day) {
        return redis.quotaTake(day.toString(), limit());
    }

    /** Takes up to {@code count} messages at once: {granted, count after the last granted one}. */
    public long[] takeMany(LocalDate day, int count) {
        return redis.quotaTakeMany(day.toString(), limit(), count);
    }

    public void refund(LocalDate day) {
        redis.quotaRefund(day.toString());
    }

    /** Raises Redis's counter to the durable one (after a flush). */
    public void restore() throws SQLException {
        LocalDate day = today();
        redis.quotaFloor(day.toString(), store.durableQuota(day));
    }

    public QuotaResponse status() {
        LocalDate day = today();
        long used = redis.quotaUsed(day.toString());
        try {
            used = Math.max(used, store.durableQuota(day));
        } catch (SQLException e) {
            // Redis's count is the live one; the durable copy only guards against a flush
        }
        long limit = limit();
        return new QuotaResponse(day, config.quotaTimeZone(), used, limit, Math.max(0, limit - used),
                QuotaLevel.of(used, limit));
    }
}
