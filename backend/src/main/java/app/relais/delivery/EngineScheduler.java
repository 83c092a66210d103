package app.relais.delivery;

import app.relais.messages.MessageStatus;
import app.relais.messages.MessageStatusChanged;
import app.relais.whatsapp.ProviderMessage;
import app.relais.whatsapp.StatusCallback;
import app.relais.whatsapp.WebhookStore;
import app.relais.whatsapp.WhatsAppGateway;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The engine's periodic job, run by every instance but by one at a time (a Redis lock): after a Redis
 * flush it puts back on the stream every row the database says is still to send; it enqueues retries
 * whose time came; it reconciles rows left `sending` without a SID against the provider before any
 * resend; it starts scheduled campaigns; it pauses a campaign whose failure rate passes its threshold,
 * pauses everything at the quota and resumes when the day turns; it completes campaigns whose every
 * recipient finished its cycle.
 */
@ApplicationScoped
public class EngineScheduler {

    private static final Logger LOG = Logger.getLogger(EngineScheduler.class);

    private final DeliveryConfig config;
    private final RedisEngine redis;
    private final DataSource dataSource;
    private final DeliveryQueue queue;
    private final DeliveryStore store;
    private final DailyQuota quota;
    private final EngineClock clock;
    private final WhatsAppGateway gateway;
    private final CampaignStarter starter;
    private final StreamFeeder feeder;
    private final Event<MessageStatusChanged> statusChanged;
    private final WebhookStore statuses;
    private final app.relais.templates.TemplateService templates;
    private final String token = UUID.randomUUID().toString();

    public EngineScheduler(DeliveryConfig config, RedisEngine redis, DataSource dataSource, DeliveryQueue queue,
            DeliveryStore store, DailyQuota quota, EngineClock clock, WhatsAppGateway gateway, CampaignStarter starter,
            StreamFeeder feeder, Event<MessageStatusChanged> statusChanged, WebhookStore statuses,
            app.relais.templates.TemplateService templates) {
        this.templates = templates;
        this.feeder = feeder;
        this.statuses = statuses;
        this.config = config;
        this.redis = redis;
        this.dataSource = dataSource;
        this.queue = queue;
        this.store = store;
        this.quota = quota;
        this.clock = clock;
        this.gateway = gateway;
        this.starter = starter;
        this.statusChanged = statusChanged;
    }

    @Scheduled(every = "${relais.delivery.tick-interval:5S}", delayed = "2S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledTick() {
        if (!config.enabled()) {
            return;
        }
        try {
            tick();
        } catch (Exception e) {
            LOG.warnf("Delivery engine tick failed: %s", e.toString());
        }
    }

    /** One pass of every job, if no other instance is running one. Public for tests. */
    public void tick() throws SQLException {
        Duration ttl = config.tickInterval().multipliedBy(6).plusSeconds(30);
        if (!redis.tryLock("tick", token, ttl)) {
            return;
        }
        try {
            recoverFlushedRedis();
            enqueueDue();
            reconcileSending();
            startScheduled();
            autoPauseOnFailures();
            applyQuota();
            complete();
        } finally {
            redis.unlock("tick", token);
        }
    }

    /** Redis lost its data (flush, restart without persistence): every row still to send goes back on the stream. */
    void recoverFlushedRedis() throws SQLException {
        if (redis.markerPresent()) {
            return;
        }
        redis.ensureGroups();
        int n = store.update("UPDATE messages m SET enqueued_at = NULL FROM campaigns c WHERE c.id = m.campaign_id"
                + " AND m.status = 'queued' AND m.enqueued_at IS NOT NULL AND c.status IN ('sending', 'completed') AND c.launched_at IS NOT NULL");
        quota.restore();
        redis.setMarker();
        feeder.wake();
        if (n > 0) {
            LOG.infof("Redis lost the send queue: %d message(s) put back from the database", n);
        }
    }

    /** Queued rows never put on the stream, or whose next attempt is due, go there now; lost ones are swept back. */
    void enqueueDue() throws SQLException {
        feeder.sweepLost();
        for (int round = 0; round < 4; round++) {
            if (feeder.feedOnce() < StreamFeeder.BATCH) {
                return;
            }
        }
    }

    private record Stuck(UUID id, UUID campaignId, UUID contactId, String kind, String phone, String body,
            OffsetDateTime claimedAt, int attempts) {
    }

    /**
     * A row `sending` without a SID long after its claim: its worker died or the create's outcome was
     * unknown. The provider is asked first (messages to that number since the claim); found → the SID is
     * recorded, never resent; not found → back to queued (or failed when attempts ran out).
     */
    void reconcileSending() throws SQLException {
        List<Stuck> stuck = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT m.id, m.campaign_id, m.contact_id, m.kind, ct.phone_e164,"
                        + " m.body, m.claimed_at, m.attempts FROM messages m JOIN contacts ct ON ct.id = m.contact_id"
                        + " JOIN campaigns c ON c.id = m.campaign_id AND c.launched_at IS NOT NULL"
                        + " WHERE m.status = 'sending' AND m.twilio_sid IS NULL AND m.claimed_at < ? AND m.campaign_id IS NOT NULL"
                        + " ORDER BY m.claimed_at LIMIT 200")) {
            ps.setObject(1, OffsetDateTime.now().minus(config.reconcileAfter()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stuck.add(new Stuck(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class), rs.getInt(8)));
                }
            }
        }
        for (Stuck s : stuck) {
            List<ProviderMessage> found;
            try {
                found = gateway.search(s.phone(), s.claimedAt().minusSeconds(5));
            } catch (RuntimeException e) {
                LOG.warnf("Reconciliation of %s postponed, provider unreachable: %s", s.id(), e.toString());
                return;
            }
            ProviderMessage match = null;
            for (ProviderMessage p : found) {
                if (p.sid() != null && !sidKnown(p.sid()) && (p.statusCallbackUrl() != null
                        ? p.statusCallbackUrl().contains("m=" + s.id()) : true)) {
                    match = p;
                    break;
                }
            }
            if (match != null) {
                adopt(s, match);
            } else if (s.attempts() > config.retryBackoff().size()) {
                Rendered rendered = store.view(s.id()).map(Rendered::of).orElse(null);
                if (store.fail(s.id(), s.campaignId(), s.contactId(), rendered, null, "No answer from the provider", "transient")) {
                    reconcilerAction("failed");
                    statusChanged.fire(new MessageStatusChanged(s.id(), s.campaignId(), s.contactId(), s.kind(),
                            MessageStatus.SENDING, MessageStatus.FAILED, null));
                }
            } else {
                store.update("UPDATE messages SET status = 'queued', claimed_by = NULL, enqueued_at = NULL,"
                        + " next_attempt_at = now(), updated_at = now() WHERE id = ? AND status = 'sending' AND twilio_sid IS NULL",
                        s.id());
                reconcilerAction("requeued");
            }
        }
    }

    /**
     * The provider has the message whose create answer was lost: its SID, what it carried (rendered as the
     * send did) and the status the provider reports now are recorded, the status through the webhook's
     * own write path (forward only, one event per SID + status), so the row is as if the answer and the
     * callbacks had come.
     */
    private void adopt(Stuck s, ProviderMessage match) throws SQLException {
        Rendered rendered = store.view(s.id()).map(Rendered::of).orElse(null);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages SET twilio_sid = ?, handed_at = COALESCE(handed_at, ?),"
                        + " body = COALESCE(body, ?), content_sid = COALESCE(content_sid, ?),"
                        + " content_variables = COALESCE(content_variables, ?::jsonb), from_address = COALESCE(from_address, ?),"
                        + " to_address = COALESCE(to_address, ?), updated_at = now() WHERE id = ? AND twilio_sid IS NULL")) {
            ps.setString(1, match.sid());
            ps.setObject(2, match.dateCreated() == null ? OffsetDateTime.now() : match.dateCreated());
            store.setRendered(ps, 3, rendered);
            ps.setString(6, match.from());
            ps.setString(7, "whatsapp:" + s.phone());
            ps.setObject(8, s.id());
            ps.executeUpdate();
        }
        LOG.infof("Message %s was accepted by the provider as %s: recorded, not resent", s.id(), match.sid());
        reconcilerAction("recorded");
        if (match.status() != null) {
            statuses.applyStatuses(List.of(new StatusCallback(s.id(), match.sid(),
                    match.status().toLowerCase(java.util.Locale.ROOT), match.errorCode(), match.errorMessage(),
                    "{\"source\":\"reconciliation\"}"))).get(0).change().ifPresent(statusChanged::fire);
        }
    }

    /** Prometheus relais_reconciler_actions_total{action=recorded|requeued|failed}. */
    private static void reconcilerAction(String action) {
        io.micrometer.core.instrument.Metrics.counter("relais_reconciler_actions_total", "action", action).increment();
    }

    private boolean sidKnown(String sid) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM messages WHERE twilio_sid = ?")) {
            ps.setString(1, sid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Scheduled campaigns whose time came start; one with no recipient goes back to draft, explained. */
    void startScheduled() throws SQLException {
        List<UUID> due = ids("SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= now()");
        for (UUID id : due) {
            if (!templateStillApproved(id)) {
                continue;
            }
            CampaignStarter.Result result = QuarkusTransaction.requiringNew().call(() -> {
                CampaignStarter.Result r = starter.startFirstRun(id, true);
                if (r.outcome() == CampaignStarter.Outcome.NO_RECIPIENTS) {
                    QuarkusTransaction.setRollbackOnly();
                }
                return r;
            });
            if (result.outcome() == CampaignStarter.Outcome.NO_RECIPIENTS) {
                store.update("UPDATE campaigns SET status = 'draft', pause_reason = 'no_recipients', updated_at = now()"
                        + " WHERE id = ? AND status = 'scheduled'", id);
            } else if (result.outcome() == CampaignStarter.Outcome.STARTED) {
                feeder.wake();
                LOG.infof("Scheduled campaign %s started: %d recipient(s)", id, result.count());
            }
        }
    }

    /**
     * A scheduled campaign's template is asked for again (not the cache) before it starts, as a launch by
     * hand does: one that WhatsApp paused, rejected or disabled since the campaign was saved goes back to
     * draft, explained (pause reason template_not_approved), and nothing is sent. If the provider cannot
     * be asked, the campaign stays scheduled and the next tick asks again.
     */
    private boolean templateStillApproved(UUID id) throws SQLException {
        String sid;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT message1_content_sid FROM campaigns WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                sid = rs.next() ? rs.getString(1) : null;
            }
        }
        if (sid == null) {
            return true;
        }
        java.util.Optional<app.relais.whatsapp.ContentTemplate> template;
        try {
            template = templates.find(sid, true);
        } catch (RuntimeException e) {
            LOG.warnf("Scheduled campaign %s waits: its template %s could not be checked (%s)", id, sid, e.toString());
            return false;
        }
        if (template.isPresent() && template.get().approved()) {
            return true;
        }
        if (store.update("UPDATE campaigns SET status = 'draft', pause_reason = 'template_not_approved', updated_at = now(),"
                + " version = version + 1 WHERE id = ? AND status = 'scheduled' AND message1_content_sid = ?", id, sid) > 0) {
            LOG.warnf("Scheduled campaign %s not started: its template %s is %s", id, sid,
                    template.map(app.relais.whatsapp.ContentTemplate::approvalStatus).orElse("unknown"));
        }
        return false;
    }

    /** A sending campaign whose last N finished Message 1 failed more than its threshold pauses, with the reason. */
    void autoPauseOnFailures() throws SQLException {
        store.update("UPDATE campaigns c SET status = 'paused', pause_reason = 'failure_rate', paused_at = now(),"
                + " updated_at = now(), version = version + 1 WHERE c.status = 'sending' AND c.launched_at IS NOT NULL AND ("
                + "   SELECT count(*) FILTER (WHERE r.status IN ('failed', 'undelivered'))::numeric"
                + "          / NULLIF(count(*), 0) >= COALESCE(c.failure_rate_threshold, ?)"
                + "          AND count(*) >= COALESCE(c.failure_rate_window, ?)"
                + "   FROM (SELECT m.status FROM messages m WHERE m.campaign_id = c.id AND m.kind = 'message_1'"
                + "         AND m.run_number = c.run_number AND m.updated_at >= COALESCE(c.failure_window_from, c.launched_at)"
                + "         AND m.status IN ('sent', 'delivered', 'read', 'failed', 'undelivered')"
                + "         ORDER BY m.updated_at DESC LIMIT COALESCE(c.failure_rate_window, ?)) r)",
                config.failureRateThreshold(), config.failureRateWindow(), config.failureRateWindow());
    }

    /** BLOCKED pauses sending campaigns; a new day (quota left) resumes those the quota paused. */
    void applyQuota() throws SQLException {
        QuotaResponse q = quota.status();
        if (q.level() == QuotaLevel.BLOCKED) {
            store.pauseAllForQuota();
            return;
        }
        List<UUID> resumed = ids("UPDATE campaigns SET status = 'sending', pause_reason = NULL, paused_at = NULL,"
                + " updated_at = now(), version = version + 1 WHERE status = 'paused' AND pause_reason = 'daily_quota'"
                + " RETURNING id");
        for (UUID id : resumed) {
            LOG.infof("Quota available again: campaign %s resumes", id);
            queue.requeueCampaign(id);
        }
    }

    /**
     * A sending campaign completes when every Message 1 finished its cycle: failed for good; or handed to
     * the provider, its status known past `sending` (a row whose callbacks were lost is not final until the
     * status repair asks the provider, see StatusPoller), and either the campaign has no Message 2, or its Message 2 went out (or failed), or
     * the reply window passed without a reply.
     */
    void complete() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE campaigns c SET status = 'completed', completed_at = now(),"
                        + " updated_at = now(), version = version + 1 WHERE c.status = 'sending' AND c.launched_at IS NOT NULL AND NOT EXISTS ("
                        + " SELECT 1 FROM messages m WHERE m.campaign_id = c.id AND m.kind = 'message_1' AND NOT ("
                        + "   m.status IN ('failed', 'undelivered')"
                        + "   OR (m.status = 'queued' AND m.run_number < c.run_number)"
                        + "   OR (m.handed_at IS NOT NULL AND m.status <> 'sending' AND (c.message2_body IS NULL OR btrim(c.message2_body) = ''"
                        + "       OR m.handed_at <= ?"
                        + "       OR EXISTS (SELECT 1 FROM messages x WHERE x.campaign_id = c.id AND x.contact_id = m.contact_id"
                        + "                  AND x.kind = 'message_2' AND (x.handed_at IS NOT NULL OR x.status IN ('failed', 'undelivered'))))))"
                        + " ) AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.campaign_id = c.id AND x.kind = 'message_2'"
                        + "   AND x.status IN ('queued', 'sending'))"
                        + " RETURNING c.id")) {
            ps.setObject(1, clock.now().minus(config.replyWindow()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LOG.infof("Campaign %s completed", rs.getObject(1, UUID.class));
                }
            }
        }
    }

    private List<UUID> ids(String sql) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

}
