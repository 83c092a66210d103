package app.relais.events;

import app.relais.contacts.imports.ImportProgressed;
import app.relais.messages.InboundMessageReceived;
import app.relais.messages.MessageStatusChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Turns committed changes into live events. Status changes and inbound messages are queued as they
 * are committed and published in batches by the bus's publisher thread (the webhook does not wait on
 * Redis); campaign progress is coalesced (at most one event per campaign per second,
 * the last state always published) because a campaign moves thousands of messages per minute.
 */
@ApplicationScoped
public class LiveEventPublisher {

    private static final Logger LOG = Logger.getLogger(LiveEventPublisher.class);

    @Inject
    LiveEventBus bus;

    @Inject
    AgroalDataSource dataSource;

    private final Set<UUID> dirtyCampaigns = ConcurrentHashMap.newKeySet();
    private final Set<UUID> dirtyImports = ConcurrentHashMap.newKeySet();

    void onStatusChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageStatusChanged e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", e.messageId());
        data.put("campaignId", e.campaignId());
        data.put("contactId", e.contactId());
        data.put("kind", e.kind());
        data.put("previous", e.previous() == null ? null : e.previous().dbValue());
        data.put("status", e.current() == null ? null : e.current().dbValue());
        data.put("errorCode", e.errorCode());
        bus.publishLater("message.status", data);
        if (e.campaignId() != null) {
            dirtyCampaigns.add(e.campaignId());
        }
    }

    void onInbound(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboundMessageReceived e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", e.messageId());
        data.put("contactId", e.contactId());
        data.put("preview", e.body() == null ? null : e.body().length() > 120 ? e.body().substring(0, 120) : e.body());
        data.put("receivedAt", e.receivedAt());
        data.put("optOut", e.optOut());
        data.put("sandboxJoin", e.sandboxJoin());
        bus.publishLater("message.inbound", data);
    }

    /** An import job's row moved (a part committed, started, ended): published by the next tick. */
    void onImportProgressed(@Observes ImportProgressed e) {
        dirtyImports.add(e.importId());
    }

    /** Marks a campaign whose counters moved (the engine may call it after a launch or a pause). */
    public void campaignChanged(UUID campaignId) {
        dirtyCampaigns.add(campaignId);
    }

    @Scheduled(every = "${relais.events.progress-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishProgress() {
        publishImportProgress();
        if (dirtyCampaigns.isEmpty()) {
            return;
        }
        List<UUID> batch = new ArrayList<>(dirtyCampaigns);
        dirtyCampaigns.removeAll(batch);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT c.id, c.status, c.recipients_count, k.sent_count, k.delivered_count, k.read_count, k.failed_count,
                       (SELECT count(DISTINCT m.contact_id) FROM messages m WHERE m.campaign_id = c.id AND m.kind = 'reply'),
                       k.message2_sent_count
                FROM campaigns c JOIN campaign_counters(?) k ON k.campaign_id = c.id
                """)) {
            // Counters from the statistics read model (V10 campaign_counters), as the campaign API.
            ps.setArray(1, c.createArrayOf("uuid", batch.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("campaignId", rs.getObject(1, UUID.class));
                    data.put("status", rs.getString(2));
                    data.put("recipients", rs.getInt(3));
                    data.put("sent", rs.getInt(4));
                    data.put("delivered", rs.getInt(5));
                    data.put("read", rs.getInt(6));
                    data.put("failed", rs.getInt(7));
                    data.put("replied", rs.getInt(8));
                    data.put("message2Sent", rs.getInt(9));
                    bus.publish("campaign.progress", data);
                }
            }
        } catch (SQLException e) {
            dirtyCampaigns.addAll(batch);
            LOG.warnf("Campaign progress not published: %s", e.getMessage());
        }
    }

    /**
     * import.progress: the counters of each import job that moved since the last tick, read from its row
     * (so the last state, completed or failed, is always the one published): at most one per job per second.
     */
    void publishImportProgress() {
        if (dirtyImports.isEmpty()) {
            return;
        }
        List<UUID> batch = new ArrayList<>(dirtyImports);
        dirtyImports.removeAll(batch);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, status, dry_run, rows_read, created, updated, skipped, failed, repaired, last_line, error_message
                FROM contact_imports WHERE id = ANY(?)
                """)) {
            ps.setArray(1, c.createArrayOf("uuid", batch.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("importId", rs.getObject(1, UUID.class));
                    data.put("status", rs.getString(2));
                    data.put("dryRun", rs.getBoolean(3));
                    data.put("rowsRead", rs.getInt(4));
                    data.put("created", rs.getInt(5));
                    data.put("updated", rs.getInt(6));
                    data.put("skipped", rs.getInt(7));
                    data.put("failed", rs.getInt(8));
                    data.put("repaired", rs.getInt(9));
                    data.put("lastLine", rs.getInt(10));
                    data.put("errorMessage", rs.getString(11));
                    bus.publish("import.progress", data);
                }
            }
        } catch (SQLException e) {
            dirtyImports.addAll(batch);
            LOG.warnf("Import progress not published: %s", e.getMessage());
        }
    }
}
