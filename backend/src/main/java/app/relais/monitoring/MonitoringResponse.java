package app.relais.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "System state for the monitoring page; see docs/supervision.md")
public record MonitoringResponse(
        @Schema(example = "degraded", description = "healthy, degraded or critical") String status,
        @Schema(description = "Why the status is not healthy (stable codes)", example = "[\"webhook-stale\"]") List<String> reasons,
        Instant checkedAt,
        Quota quota,
        QueueSnapshot queue,
        SendRate sendRate,
        List<ErrorCount> errorsLast24h,
        Provider provider,
        Webhook webhook,
        List<InstanceHeartbeat.Instance> instances,
        @Schema(example = "4", description = "SSE clients connected to this instance") int liveClients) {

    public record Quota(@Schema(example = "812") long used, @Schema(example = "1000") long limit,
            @Schema(example = "188") long left, @Schema(example = "ATTENTION") QuotaLevel level, List<QuotaUsage> senders) {
    }

    public record SendRate(@Schema(example = "0.33", description = "Messages per second over the last full minute") BigDecimal perSecondNow,
            @Schema(example = "0.0312", description = "failed / attempted over the last hour") BigDecimal failureRateLastHour,
            @Schema(description = "Last 60 minutes, oldest first") List<Minute> perMinute) {
    }

    public record Minute(Instant minute, long sent, long failed) {
    }

    public record ErrorCount(@Schema(example = "63007") Integer errorCode, @Schema(example = "4") long count, String explanation) {
    }

    public record Provider(@Schema(example = "reachable", description = "reachable, unreachable or unknown") String state,
            Instant checkedAt, Long latencyMs, String detail) {
    }

    public record Webhook(@Schema(description = "Last valid status callback stored") OffsetDateTime lastCallbackAt,
            @Schema(example = "42") Long ageSeconds, boolean stale,
            @Schema(description = "Webhook requests refused (bad or missing signature, another Twilio account): a security signal", example = "0") long rejected,
            @Schema(description = "When the last one was refused") Instant lastRejectedAt,
            @Schema(description = "Why: signature or account", example = "signature") String lastRejectedReason) {
    }
}
