package app.relais.whatsapp;

import app.relais.messages.MessageStatusChanged;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Asks Twilio for the status of messages it accepted but whose status callbacks never came (lost to
 * a crash, a proxy, a webhook URL changed in the console): without it such a message would show
 * "sending" for ever. Rows are claimed with SKIP LOCKED and stamped, so instances share the work and a
 * message is asked at most once per re-poll interval. The answer goes through the webhook's own write
 * path (same ranks, same unique event per SID + status), so a callback arriving later changes nothing.
 */
@ApplicationScoped
public class StatusPoller {

    private static final Logger LOG = Logger.getLogger(StatusPoller.class);

    private final DataSource dataSource;
    private final WhatsAppGateway gateway;
    private final WebhookStore store;
    private final Event<MessageStatusChanged> statusChanged;

    @ConfigProperty(name = "relais.status-poll.enabled", defaultValue = "true")
    boolean enabled;

    /** How long after Twilio accepted a message without any callback it is asked. */
    @ConfigProperty(name = "relais.status-poll.after", defaultValue = "10M")
    Duration after;

    /** How long before a message still unconfirmed is asked again. */
    @ConfigProperty(name = "relais.status-poll.again-after", defaultValue = "1H")
    Duration againAfter;

    /** Messages asked per run and instance (each is one GET to Twilio). */
    @ConfigProperty(name = "relais.status-poll.batch", defaultValue = "50")
    int batch;

    public StatusPoller(DataSource dataSource, WhatsAppGateway gateway, WebhookStore store,
            Event<MessageStatusChanged> statusChanged) {
        this.dataSource = dataSource;
        this.gateway = gateway;
        this.store = store;
        this.statusChanged = statusChanged;
    }

    @Scheduled(every = "${relais.status-poll.every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            pollOnce();
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Status poll skipped: %s", e.getMessage());
        }
    }

    private record Unconfirmed(UUID id, String sid) {
    }

    /** One run; returns how many messages moved. */
    public int pollOnce() throws SQLException {
        List<Unconfirmed> rows = claim();
        int moved = 0;
        for (Unconfirmed row : rows) {
            Optional<ProviderMessage> found;
            try {
                found = gateway.fetch(row.sid());
            } catch (RuntimeException e) {
                count("error");
                LOG.debugf("Status poll of %s failed: %s", row.sid(), e.getMessage());
                return moved; // the provider is unreachable: the next run tries again
            }
            if (found.isEmpty() || found.get().status() == null) {
                count("missing");
                continue;
            }
            ProviderMessage p = found.get();
            WebhookStore.StatusResult result = store.applyStatuses(List.of(new StatusCallback(row.id(), row.sid(),
                    p.status().toLowerCase(Locale.ROOT), p.errorCode(), p.errorMessage(),
                    "{\"source\":\"status-poll\"}"))).get(0);
            if (result.change().isPresent()) {
                moved++;
                count("updated");
                result.change().ifPresent(statusChanged::fire);
            } else {
                count("unchanged");
            }
        }
        return moved;
    }

    private List<Unconfirmed> claim() throws SQLException {
        List<Unconfirmed> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE messages SET status_polled_at = now()
                WHERE id IN (SELECT id FROM messages
                             WHERE status = 'sending' AND twilio_sid IS NOT NULL AND handed_at < now() - ?::interval
                               AND (status_polled_at IS NULL OR status_polled_at < now() - ?::interval)
                             ORDER BY handed_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, twilio_sid
                """)) {
            ps.setString(1, after.toSeconds() + " seconds");
            ps.setString(2, againAfter.toSeconds() + " seconds");
            ps.setInt(3, Math.max(1, batch));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Unconfirmed(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        return rows;
    }

    /** Prometheus relais_status_polls_total{result=updated|unchanged|missing|error}. */
    private static void count(String result) {
        Metrics.counter("relais_status_polls_total", "result", result).increment();
    }
}
