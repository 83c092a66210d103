package app.relais.delivery;

import app.relais.messages.Message;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Hands message rows to the engine: writes a run's Message 1 rows (inside the caller's transaction),
 * then, after commit, puts their ids on the stream and notes when. An id that could not be put there
 * (Redis down) keeps enqueued_at NULL and the scheduled job puts it there later.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);

    private final RedisEngine redis;
    private final DataSource dataSource;
    private final jakarta.persistence.EntityManager em;

    public DeliveryQueue(RedisEngine redis, DataSource dataSource, jakarta.persistence.EntityManager em) {
        this.redis = redis;
        this.dataSource = dataSource;
        this.em = em;
    }

    /**
     * Inserts one queued Message 1 per contact chosen by {@code recipientsSql} (a SELECT of contact ids,
     * its only parameter the campaign id; a contact in several categories is one row, IN being a
     * semi-join; a query without a parameter is taken as it is), opted-out contacts excluded, in the current transaction, in one INSERT ... SELECT.
     * The rows are not on the stream yet (enqueued_at NULL): after commit {@link StreamFeeder#wake()}
     * puts them there page by page. Returns the number of rows.
     * <p>No {@code ON CONFLICT}: a (campaign, contact, run) can only be written once. The caller has
     * just moved the campaign to this run under its row lock (a racing start finds the status or the
     * run number changed), and {@code IN} lists each contact once. The speculative insertion that
     * {@code ON CONFLICT DO NOTHING} costs was 12 % of a 100,000-recipient launch (2.58–2.75 s against
     * 2.27–2.36 s, four runs each); a conflict, if one ever came, fails the launch whole.</p>
     */
    public int insertMessage1(UUID campaignId, int runNumber, String recipientsSql) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (campaign_id, contact_id, run_number, kind,"
                    + " direction, to_address, status) SELECT ?, ct.id, ?, 'message_1', 'outbound',"
                    + " 'whatsapp:' || ct.phone_e164, 'queued' FROM contacts ct WHERE ct.id IN (" + recipientsSql + ") AND NOT ct.opted_out")) {
                ps.setObject(1, campaignId);
                ps.setInt(2, runNumber);
                if (recipientsSql.indexOf('?') >= 0) {
                    ps.setObject(3, campaignId);
                }
                return ps.executeUpdate();
            }
        });
    }

    /**
     * After commit: XADD (pipelined) rows inserted with enqueued_at already set (no second pass over
     * 100,000 rows racing the workers' claims). If Redis refuses, enqueued_at goes back to NULL and the
     * scheduled job puts them there later. Never throws.
     */
    public void enqueue(List<UUID> ids, boolean priority) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            redis.enqueue(ids, priority);
        } catch (RuntimeException e) {
            LOG.warnf("Enqueue of %d message(s) deferred to the scheduled job: %s", ids.size(), e.toString());
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("UPDATE messages SET enqueued_at = NULL WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                ps.executeUpdate();
            } catch (SQLException sql) {
                // the reconciler's flush detection or the due job still finds them (Redis is down anyway)
                LOG.warnf("Could not mark %d message(s) for re-enqueue: %s", ids.size(), sql.toString());
            }
        }
    }

    private void enqueueAndMark(List<UUID> ids, boolean priority) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            redis.enqueue(ids, priority);
            markEnqueued(ids);
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Enqueue of %d message(s) deferred to the scheduled job: %s", ids.size(), e.toString());
        }
    }

    void markEnqueued(List<UUID> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages SET enqueued_at = now() WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    /** The campaign's queued rows go back on the stream (resume). */
    public void requeueCampaign(UUID campaignId) {
        List<UUID> m1 = new ArrayList<>();
        List<UUID> m2 = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, kind FROM messages WHERE campaign_id = ?"
                        + " AND kind IN " + Message.OUTBOUND_KINDS_SQL + " AND status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= now())")) {
            ps.setObject(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ("message_2".equals(rs.getString(2)) ? m2 : m1).add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Re-queue of campaign %s deferred to the scheduled job: %s", campaignId, e.toString());
            return;
        }
        enqueueAndMark(m2, true);
        enqueueAndMark(m1, false);
    }
}
