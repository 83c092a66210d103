package app.relais.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "System state for the monitoring page; see docs/supervision.md")
public record MonitoringResponse(
        @Schema(example = "degraded", description = "healthy, degraded or critical", enumeration = { "healthy", "degraded", "critical" }) String status,
        @Schema(description = "Why the status is not healthy (stable codes)", example = "[\"webhook-stale\"]", type = SchemaType.ARRAY, implementation = MonitoringResponse.Reason.class) List<String> reasons,
        Instant checkedAt,
        Quota quota,
        QueueSnapshot queue,
        SendRate sendRate,
        List<ErrorCount> errorsLast24h,
        Provider provider,
        Webhook webhook,
        List<InstanceHeartbeat.Instance> instances,
        @Schema(example = "4", description = "SSE clients connected to this instance") int liveClients) {

    @Schema(name = "MonitoringQuota")
    public record Quota(@Schema(example = "812") long used, @Schema(example = "1000") long limit,
            @Schema(example = "188") long left, @Schema(example = "ATTENTION") QuotaLevel level, List<QuotaUsage> senders) {
    }

    @Schema(name = "MonitoringSendRate")
    public record SendRate(@Schema(example = "0.33", description = "Messages per second over the last full minute") BigDecimal perSecondNow,
            @Schema(example = "0.0312", description = "failed / attempted over the last hour") BigDecimal failureRateLastHour,
            @Schema(description = "Last 60 minutes, oldest first") List<Minute> perMinute) {
    }

    @Schema(name = "MonitoringMinute")
    public record Minute(Instant minute, long sent, long failed) {
    }

    @Schema(name = "MonitoringErrorCount")
    public record ErrorCount(@Schema(example = "63007", nullable = true) Integer errorCode, @Schema(example = "4") long count, @Schema(nullable = true) String explanation) {
    }

    @Schema(name = "MonitoringProvider")
    public record Provider(@Schema(example = "reachable", description = "reachable, unreachable or unknown", enumeration = { "reachable", "unreachable", "unknown" }) String state,
            @Schema(nullable = true) Instant checkedAt, @Schema(nullable = true) Long latencyMs, @Schema(nullable = true) String detail) {
    }

    @Schema(name = "MonitoringWebhook")
    public record Webhook(@Schema(description = "Last valid status callback stored", nullable = true) OffsetDateTime lastCallbackAt,
            @Schema(example = "42", nullable = true) Long ageSeconds, boolean stale,
            @Schema(description = "Webhook requests refused (bad or missing signature, another Twilio account): a security signal", example = "0") long rejected,
            @Schema(description = "When the last one was refused", nullable = true) Instant lastRejectedAt,
            @Schema(description = "Why: signature or account", example = "signature", nullable = true, enumeration = { "signature", "account" }) String lastRejectedReason) {
    }

    /** The closed list of reasons, for the OpenAPI document only (the service writes them as strings). */
    @Schema(name = "MonitoringReason", type = SchemaType.STRING, enumeration = { "quota-blocked", "quota-danger",
            "queue-stalled", "high-failure-rate", "webhook-stale", "provider-unreachable", "redis-unavailable" })
    public interface Reason {
    }
}
