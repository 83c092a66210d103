package app.relais.events;

import app.relais.campaigns.CampaignStatus;
import app.relais.messages.Message;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The data of each live event, as the publishers write it (LiveEventPublisher, QuotaLevelPublisher,
 * the bus's resync): only the OpenAPI document uses these records, so a generated client gets one
 * type per event name. The event name is the SSE {@code event:} field, the id its {@code id:} field.
 */
public final class LiveEventPayloads {

    private LiveEventPayloads() {
    }

    @Schema(name = "MessageStatusEvent", description = "event: message.status — a message moved forward")
    public record MessageStatus(
            UUID messageId,
            @Schema(nullable = true, description = "null for a message outside campaigns") UUID campaignId,
            UUID contactId,
            @Schema(enumeration = { Message.KIND_MESSAGE_1, Message.KIND_MESSAGE_2, Message.KIND_REPLY, Message.KIND_MANUAL,
                    Message.KIND_TEST }) String kind,
            @Schema(nullable = true, enumeration = { "queued", "sending", "sent", "failed", "undelivered", "delivered", "read",
                    "received" }) String previous,
            @Schema(enumeration = { "queued", "sending", "sent", "failed", "undelivered", "delivered", "read",
                    "received" }) String status,
            @Schema(nullable = true, description = "Twilio's error code when it failed") Integer errorCode) {
    }

    @Schema(name = "MessageInboundEvent", description = "event: message.inbound — a contact wrote")
    public record MessageInbound(
            UUID messageId,
            UUID contactId,
            @Schema(nullable = true, description = "The first 120 characters") String preview,
            OffsetDateTime receivedAt,
            boolean optOut,
            boolean sandboxJoin) {
    }

    @Schema(name = "CampaignProgressEvent", description = "event: campaign.progress — at most one per campaign per second")
    public record CampaignProgress(
            UUID campaignId,
            @Schema(enumeration = { CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.SENDING,
                    CampaignStatus.PAUSED, CampaignStatus.COMPLETED, CampaignStatus.STOPPED }) String status,
            int recipients, int sent, int delivered, int read, int failed, int replied, int message2Sent) {
    }

    @Schema(name = "ImportProgressEvent", description = "event: import.progress — a contact import moved (at most one per job per second; the last state, completed or failed, always sent)")
    public record ImportProgress(
            UUID importId,
            @Schema(enumeration = { "queued", "running", "completed", "failed" }) String status,
            boolean dryRun,
            int rowsRead, int created, int updated, int skipped, int failed, int repaired,
            @Schema(description = "The last line of the file whose contacts are stored") int lastLine,
            @Schema(nullable = true) String errorMessage) {
    }

    @Schema(name = "QuotaLevelEvent", description = "event: quota.level — the daily quota crossed a level")
    public record QuotaLevel(
            @Schema(enumeration = { "OK", "ATTENTION", "DANGER", "BLOCKED" }) String level,
            @Schema(nullable = true, enumeration = { "OK", "ATTENTION", "DANGER", "BLOCKED" }) String previous,
            long used, long limit, long left) {
    }

    @Schema(name = "ResyncEvent", description = "event: resync — events were lost: refetch what is on screen")
    public record Resync(@Schema(enumeration = { "backlog-unavailable", "events-lost" }) String reason) {
    }

    @Schema(name = "ReconnectEvent", description = "event: reconnect — this client fell behind: reconnect with Last-Event-ID")
    public record Reconnect(@Schema(enumeration = { "slow-client" }) String reason,
            @Schema(nullable = true, description = "The last event sent to this client") String lastEventId) {
    }
}
