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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Repairs the statuses of messages Twilio accepted but whose status callbacks never came (lost to a
 * crash or a restart of the backend, a proxy, a webhook URL changed in the console: Twilio does not
 * retry them): without it such a message would show "sending" for ever, and its campaign could not
 * complete. Rows still `sending` {@link #after} after their hand-over are claimed with SKIP LOCKED and
 * stamped, so instances share the work and a message is asked at most once per {@link #againAfter}.
 *
 * <p>After this instance starts, one pass also asks for the messages of the last 24 hours that were
 * `sent` or `delivered` before the start and have not moved since: their later callbacks (delivered,
 * read, a late failure) may have been posted while the backend was down.
 *
 * <p>A few are fetched one by one (GET …/Messages/{Sid}.json); more are read from Twilio's message list
 * filtered by date sent, newest first, up to 1,000 a page, from the oldest claimed hand-over on: one call
 * per 1,000 messages sent in the outage's window instead of one per message, so 10,000 stuck messages
 * take about ten calls. Twilio's list shows a message once it is sent: those still queued at Twilio
 * are asked again later. Every answer goes through the webhook's own write path (same ranks, same
 * unique event per SID + status), so a callback arriving later changes nothing.
 */
@ApplicationScoped
public class StatusPoller {

    private static final Logger LOG = Logger.getLogger(StatusPoller.class);
    /** Statuses applied per transaction. */
    private static final int APPLY_GROUP = 500;
    /**
     * How much earlier than our hand-over Twilio may date a message it sent: the create's own time,
     * the SID's commit, clock skew between the two. The list is read from this much before.
     */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    private final DataSource dataSource;
    private final WhatsAppGateway gateway;
    private final WebhookStore store;
    private final Event<MessageStatusChanged> statusChanged;

    @ConfigProperty(name = "relais.status-poll.enabled", defaultValue = "true")
    boolean enabled;

    /** How long after Twilio accepted a message without any callback it is asked. */
    @ConfigProperty(name = "relais.status-poll.after", defaultValue = "2M")
    Duration after;

    /** How long before a message still unconfirmed is asked again. */
    @ConfigProperty(name = "relais.status-poll.again-after", defaultValue = "5M")
    Duration againAfter;

    /** Messages claimed per run and instance. */
    @ConfigProperty(name = "relais.status-poll.batch", defaultValue = "20000")
    int batch;

    /** Up to this many claimed messages are fetched one by one; more are read from the list, page by page. */
    @ConfigProperty(name = "relais.status-poll.fetch-max", defaultValue = "20")
    int fetchMax;

    /** Messages per page of Twilio's list (Twilio serves at most 1,000). */
    @ConfigProperty(name = "relais.status-poll.page-size", defaultValue = "1000")
    int pageSize;

    /** When this instance started; until a pass found them all, rows it may have missed callbacks of are asked too. */
    private final OffsetDateTime started = OffsetDateTime.now();
    volatile boolean afterStartPending = true;

    public StatusPoller(DataSource dataSource, WhatsAppGateway gateway, WebhookStore store,
            Event<MessageStatusChanged> statusChanged) {
        this.dataSource = dataSource;
        this.gateway = gateway;
        this.store = store;
        this.statusChanged = statusChanged;
    }

    @Scheduled(every = "${relais.status-poll.every:30s}", delayed = "${relais.status-poll.delayed:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            int moved = pollOnce();
            if (moved > 0) {
                LOG.infof("Status repair: %d message(s) whose callbacks were lost now have Twilio's status", moved);
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Status poll skipped: %s", e.getMessage());
        }
    }

    private record Unconfirmed(UUID id, String sid, OffsetDateTime handedAt) {
    }

    /** One run; returns how many messages moved. */
    public int pollOnce() throws SQLException {
        boolean startPass = afterStartPending;
        List<Unconfirmed> rows = new ArrayList<>();
        boolean startPassDone = claim(rows, startPass);
        if (rows.isEmpty()) {
            afterStartPending &= !startPassDone;
            return 0;
        }
        Map<String, Unconfirmed> bySid = new HashMap<>();
        for (Unconfirmed row : rows) {
            bySid.put(row.sid(), row);
        }
        List<StatusCallback> found = new ArrayList<>();
        int moved = 0;
        try {
            if (rows.size() > fetchMax) {
                OffsetDateTime since = rows.stream().map(Unconfirmed::handedAt).min(OffsetDateTime::compareTo).orElseThrow()
                        .minus(CLOCK_MARGIN);
                Iterator<ProviderMessage> listed = gateway.sentSince(since, pageSize).iterator();
                while (!bySid.isEmpty() && listed.hasNext()) {
                    ProviderMessage p = listed.next();
                    Unconfirmed row = p.sid() == null ? null : bySid.remove(p.sid());
                    if (row != null) {
                        found.add(callback(row, p));
                        if (found.size() >= APPLY_GROUP) {
                            moved += apply(found);
                            found.clear();
                        }
                    }
                }
                count("listed", rows.size() - bySid.size());
            }
            if (bySid.size() <= fetchMax) {
                for (Unconfirmed row : List.copyOf(bySid.values())) {
                    Optional<ProviderMessage> one = gateway.fetch(row.sid());
                    bySid.remove(row.sid());
                    if (one.isEmpty()) {
                        count("missing", 1);
                    } else {
                        found.add(callback(row, one.get()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // The provider is unreachable: what was not answered is asked again at the next run.
            count("error", 1);
            LOG.debugf("Status poll interrupted: %s", e.getMessage());
            release(bySid.values().stream().map(Unconfirmed::id).toList());
            return moved + apply(found);
        }
        afterStartPending &= !startPassDone;
        return moved + apply(found);
    }

    private void release(List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages SET status_polled_at = NULL WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    private static StatusCallback callback(Unconfirmed row, ProviderMessage p) {
        return new StatusCallback(row.id(), row.sid(), p.status() == null ? null : p.status().toLowerCase(Locale.ROOT),
                p.errorCode(), p.errorMessage(), "{\"source\":\"status-poll\"}");
    }

    /** Applies statuses through the webhook's write path; returns how many messages moved. */
    private int apply(List<StatusCallback> callbacks) throws SQLException {
        List<StatusCallback> known = callbacks.stream().filter(c -> c.status() != null).toList();
        if (known.isEmpty()) {
            return 0;
        }
        int moved = 0;
        for (WebhookStore.StatusResult result : store.applyStatuses(known)) {
            if (result.change().isPresent()) {
                moved++;
                result.change().ifPresent(statusChanged::fire);
            }
        }
        count("updated", moved);
        count("unchanged", known.size() - moved);
        return moved;
    }

    /**
     * Claims (stamps) the rows to ask into {@code rows}: those still `sending`, and with {@code startPass}
     * those sent or delivered before this start; true when the latter are all claimed.
     */
    private boolean claim(List<Unconfirmed> rows, boolean startPass) throws SQLException {
        int limit = Math.max(1, batch);
        boolean startPassDone = false;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE messages SET status_polled_at = now()
                    WHERE id IN (SELECT id FROM messages
                                 WHERE status = 'sending' AND twilio_sid IS NOT NULL AND handed_at < now() - ?::interval
                                   AND (status_polled_at IS NULL OR status_polled_at < now() - ?::interval)
                                 ORDER BY handed_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING id, twilio_sid, handed_at
                    """)) {
                ps.setString(1, after.toMillis() + " milliseconds");
                ps.setString(2, againAfter.toMillis() + " milliseconds");
                ps.setInt(3, limit);
                read(ps, rows);
            }
            if (startPass && rows.size() < limit) {
                // Sent or delivered before this start and not moved since: once, in the same pass.
                int room = limit - rows.size();
                int before = rows.size();
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE messages SET status_polled_at = now()
                        WHERE id IN (SELECT id FROM messages
                                     WHERE status IN ('sent', 'delivered') AND twilio_sid IS NOT NULL
                                       AND handed_at >= ?::timestamptz - interval '24 hours' AND handed_at < ?
                                       AND updated_at < ? AND (status_polled_at IS NULL OR status_polled_at < ?)
                                     ORDER BY handed_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, twilio_sid, handed_at
                        """)) {
                    ps.setObject(1, started);
                    ps.setObject(2, started);
                    ps.setObject(3, started);
                    ps.setObject(4, started);
                    ps.setInt(5, room);
                    read(ps, rows);
                }
                startPassDone = rows.size() - before < room;
            }
        }
        return startPassDone;
    }

    private static void read(PreparedStatement ps, List<Unconfirmed> rows) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Unconfirmed(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, OffsetDateTime.class)));
            }
        }
    }

    /** Prometheus relais_status_polls_total{result=updated|unchanged|listed|missing|error}. */
    private static void count(String result, int n) {
        if (n > 0) {
            Metrics.counter("relais_status_polls_total", "result", result).increment(n);
        }
    }
}
