package app.relais.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The engine's writes on the hot path, in plain JDBC: a claim is one conditional UPDATE (only a row
 * still queued, due, of a campaign allowed to send, can be claimed: never two workers on one row), an
 * outcome is one short transaction.
 */
@ApplicationScoped
public class DeliveryStore {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public DeliveryStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The row's campaign pacing and statuses, or empty when the row is gone. */
    public Optional<Pacing> pacing(UUID messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT m.campaign_id, c.status, m.status, m.kind,"
                        + " c.messages_per_second, c.min_delay_ms, c.batch_size, c.batch_pause_seconds"
                        + " FROM messages m JOIN campaigns c ON c.id = m.campaign_id WHERE m.id = ?")) {
            ps.setObject(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.math.BigDecimal mps = rs.getBigDecimal(5);
                return Optional.of(new Pacing(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), mps == null ? null : mps.doubleValue(), (Integer) rs.getObject(6),
                        (Integer) rs.getObject(7), (Integer) rs.getObject(8)));
            }
        }
    }

    /**
     * queued → sending, attempts + 1, for a due row whose campaign may send (Message 1: sending;
     * Message 2: sending or completed). Empty when another worker has it, it is not due, or the
     * campaign is paused or stopped.
     */
    public Optional<Claim> claim(UUID messageId, String consumer) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages m SET status = 'sending', claimed_by = ?,"
                        + " claimed_at = now(), attempts = m.attempts + 1, updated_at = now()"
                        + " FROM campaigns c, contacts ct"
                        + " WHERE m.id = ? AND" + CLAIMABLE + CLAIM_RETURNING)) {
            ps.setString(1, consumer);
            ps.setObject(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(claimOf(rs)) : Optional.empty();
            }
        }
    }

    /** A row as a claim would return it, without claiming it (what reconciliation renders from). */
    public Optional<Claim> view(UUID messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT" + CLAIM_RETURNING.substring(" RETURNING".length())
                        + " FROM messages m JOIN campaigns c ON c.id = m.campaign_id JOIN contacts ct ON ct.id = m.contact_id"
                        + " WHERE m.id = ?")) {
            ps.setObject(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(claimOf(rs)) : Optional.empty();
            }
        }
    }

    /** What makes a row claimable: queued, due, its campaign allowed to send this run. */
    private static final String CLAIMABLE = " m.status = 'queued' AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= now())"
            + " AND c.id = m.campaign_id AND ct.id = m.contact_id"
            + " AND (c.status = 'sending' OR (m.kind = 'message_2' AND c.status = 'completed'))"
            + " AND (m.kind = 'message_2' OR m.run_number = c.run_number)";

    private static final String CLAIM_RETURNING = " RETURNING m.id, m.campaign_id, m.contact_id, m.kind, m.attempts,"
            + " ct.phone_e164, ct.first_name, ct.last_name, ct.attributes::text, ct.opted_out, c.message1_body,"
            + " c.message1_content_sid, c.message1_variables::text, c.message2_body, c.message1_template_text";

    /**
     * The batch form of {@link #claim} for the unpaced path, in one statement: claims those of
     * {@code ids} that are claimable and whose campaign sets no pacing of its own (no rate, no minimum
     * delay, no batch pause; see {@link Pacing#paced()}). The others are left untouched for the
     * one-by-one path, which paces them.
     */
    public List<Claim> claimUnpaced(List<UUID> ids, String consumer) throws SQLException {
        List<Claim> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages m SET status = 'sending', claimed_by = ?,"
                        + " claimed_at = now(), attempts = m.attempts + 1, updated_at = now()"
                        + " FROM campaigns c, contacts ct"
                        + " WHERE m.id = ANY (?) AND" + CLAIMABLE
                        + " AND (m.kind = 'message_2' OR ((c.messages_per_second IS NULL OR c.messages_per_second <= 0)"
                        + " AND (c.min_delay_ms IS NULL OR c.min_delay_ms <= 0)"
                        + " AND NOT (c.batch_size IS NOT NULL AND c.batch_pause_seconds IS NOT NULL AND c.batch_pause_seconds > 0)))"
                        + CLAIM_RETURNING)) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(claimOf(rs));
                }
            }
        }
        return out;
    }

    private Claim claimOf(ResultSet rs) throws SQLException {
        return new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                rs.getString(8), map(rs.getString(9)), rs.getBoolean(10), rs.getString(11), rs.getString(12),
                map(rs.getString(13)), rs.getString(14), rs.getString(15));
    }

    /** One accepted create waiting for its SID to be committed (see {@link SidWriter}). */
    public record Accepted(Claim claim, String sid, String body, String contentSid, Map<String, String> variables,
            String from, LocalDate day, String sender, long used, int limit) {
    }

    /**
     * {@link #recordAccepted} for many rows in one transaction: one UPDATE over unnest()ed arrays, the
     * error columns cleared only where set, one quota upsert per (day, sender) with the highest count.
     */
    public void recordAcceptedBatch(List<Accepted> batch) throws SQLException {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] sids = new String[n];
        String[] bodies = new String[n];
        String[] contentSids = new String[n];
        String[] variables = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        Map<List<Object>, Accepted> quotas = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            Accepted a = batch.get(i);
            ids[i] = a.claim().id();
            sids[i] = a.sid();
            bodies[i] = a.body();
            contentSids[i] = a.contentSid();
            try {
                variables[i] = a.variables() == null || a.variables().isEmpty() ? null : json.writeValueAsString(a.variables());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException(e);
            }
            froms[i] = a.from();
            tos[i] = "whatsapp:" + a.claim().phone();
            quotas.merge(List.of(a.day(), a.sender()), a, (x, y) -> x.used() >= y.used() ? x : y);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Rows locked in id order first, as the status callbacks' group commit locks them (WebhookStore):
                // the callbacks of a create can arrive before its SID is committed, and two batches locking
                // the same rows in different orders would deadlock (a second of deadlock_timeout each time).
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM messages WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
                    ps.setArray(1, c.createArrayOf("uuid", ids));
                    ps.executeQuery().close();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE messages m SET twilio_sid = COALESCE(m.twilio_sid, v.sid),"
                        + " handed_at = COALESCE(m.handed_at, now()), body = v.body, content_sid = v.content_sid,"
                        + " content_variables = v.vars::jsonb, from_address = v.from_address, to_address = v.to_address,"
                        + " updated_at = now() FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " AS v(id, sid, body, content_sid, vars, from_address, to_address) WHERE m.id = v.id")) {
                    ps.setArray(1, c.createArrayOf("uuid", ids));
                    ps.setArray(2, c.createArrayOf("text", sids));
                    ps.setArray(3, c.createArrayOf("text", bodies));
                    ps.setArray(4, c.createArrayOf("text", contentSids));
                    ps.setArray(5, c.createArrayOf("text", variables));
                    ps.setArray(6, c.createArrayOf("text", froms));
                    ps.setArray(7, c.createArrayOf("text", tos));
                    ps.executeUpdate();
                }
                // Apart, so that the common case (no earlier error) does not fire the statistics trigger.
                // Only a row still `sending`: a failure callback that came before this commit keeps its code.
                try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET error_code = NULL, error_message = NULL"
                        + " WHERE id = ANY (?) AND (error_code IS NOT NULL OR error_message IS NOT NULL)"
                        + " AND status IN ('queued', 'sending')")) {
                    ps.setArray(1, c.createArrayOf("uuid", ids));
                    ps.executeUpdate();
                }
                for (Accepted a : quotas.values()) {
                    upsertQuota(c, a.day(), a.sender(), a.used(), a.limit());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void upsertQuota(Connection c, LocalDate day, String sender, long used, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO daily_quota_counters (day, sender, sent_count,"
                + " quota_limit) VALUES (?, ?, ?, ?) ON CONFLICT (day, sender) DO UPDATE SET sent_count ="
                + " GREATEST(daily_quota_counters.sent_count, EXCLUDED.sent_count), quota_limit = EXCLUDED.quota_limit,"
                + " updated_at = now()")) {
            ps.setObject(1, day);
            ps.setString(2, sender);
            ps.setLong(3, used);
            ps.setInt(4, limit);
            ps.executeUpdate();
        }
    }

    /**
     * Paced batch rows are claimed before their slot: their claim time moves to the slot (now + wait), so
     * the reconciler, which only looks at rows claimed more than reconcile-after ago, never takes a row
     * still waiting for its slot for a lost create (it would requeue it, and the slot would send it too).
     */
    public void claimedAtSlots(List<UUID> ids, long[] waitsUs, String consumer) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Long[] waits = new Long[ids.size()];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = Math.max(0, waitsUs[i]);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages m SET claimed_at = now() + v.wait * interval '1 microsecond'"
                        + " FROM unnest(?::uuid[], ?::bigint[]) AS v(id, wait)"
                        + " WHERE m.id = v.id AND m.status = 'sending' AND m.claimed_by = ? AND m.twilio_sid IS NULL")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.setArray(2, c.createArrayOf("bigint", waits));
            ps.setString(3, consumer);
            ps.executeUpdate();
        }
    }

    /** Gives a claimed row back untouched (the quota was used up before the send). */
    public void unclaim(UUID messageId) throws SQLException {
        update("UPDATE messages SET status = 'queued', attempts = attempts - 1, claimed_by = NULL, claimed_at = NULL,"
                + " enqueued_at = NULL, updated_at = now() WHERE id = ? AND status = 'sending' AND twilio_sid IS NULL",
                messageId);
    }

    /** The provider accepted the create: the SID and what was sent. The status stays as callbacks move it. */
    public void recordAccepted(Claim claim, String sid, String body, String contentSid, Map<String, String> variables,
            String from, LocalDate day, String sender, long used, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET twilio_sid = COALESCE(twilio_sid, ?),"
                        + " handed_at = COALESCE(handed_at, now()), body = ?, content_sid = ?, content_variables = ?::jsonb,"
                        + " from_address = ?, to_address = ?, updated_at = now(),"
                        // A failure callback that came before this commit keeps its code.
                        + " error_code = CASE WHEN status IN ('queued', 'sending') THEN NULL ELSE error_code END,"
                        + " error_message = CASE WHEN status IN ('queued', 'sending') THEN NULL ELSE error_message END"
                        + " WHERE id = ?")) {
                    ps.setString(1, sid);
                    ps.setString(2, body);
                    ps.setString(3, contentSid);
                    ps.setString(4, variables == null || variables.isEmpty() ? null : json.writeValueAsString(variables));
                    ps.setString(5, from);
                    ps.setString(6, "whatsapp:" + claim.phone());
                    ps.setObject(7, claim.id());
                    ps.executeUpdate();
                }
                upsertQuota(c, day, sender, used, limit);
                c.commit();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e instanceof SQLException s ? s : new SQLException(e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** What a send whose outcome is unknown carried (the text, or the template and its variables), kept on the row. */
    public void recordAttempted(UUID messageId, Rendered rendered, String from, String to) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages SET body = ?, content_sid = ?,"
                        + " content_variables = ?::jsonb, from_address = COALESCE(from_address, ?),"
                        + " to_address = COALESCE(to_address, ?), updated_at = now() WHERE id = ?")) {
            setRendered(ps, 1, rendered);
            ps.setString(4, from);
            ps.setString(5, to);
            ps.setObject(6, messageId);
            ps.executeUpdate();
        }
    }

    /** Sets body, content SID and variables (JSON) at {@code index}, {@code index + 1}, {@code index + 2}. */
    void setRendered(PreparedStatement ps, int index, Rendered rendered) throws SQLException {
        ps.setString(index, rendered == null ? null : rendered.body());
        ps.setString(index + 1, rendered == null ? null : rendered.contentSid());
        try {
            ps.setString(index + 2, rendered == null || rendered.variables() == null || rendered.variables().isEmpty() ? null
                    : json.writeValueAsString(rendered.variables()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException(e);
        }
    }

    /** A transient failure: back to queued for a later attempt (the reconciler re-enqueues it when due). */
    public void retryLater(UUID messageId, Integer code, String message, Duration backoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE messages SET status = 'queued', claimed_by = NULL,"
                        + " next_attempt_at = now() + make_interval(secs => ?), enqueued_at = NULL, error_code = ?,"
                        + " error_message = ?, updated_at = now() WHERE id = ? AND status = 'sending' AND twilio_sid IS NULL")) {
            ps.setDouble(1, backoff.toMillis() / 1000.0);
            setInteger(ps, 2, code);
            ps.setString(3, message);
            ps.setObject(4, messageId);
            ps.executeUpdate();
        }
    }

    /**
     * A failure for good: failed, explained, counted; 63024 teaches the contact is not on WhatsApp. The
     * text meant for the contact is kept when given; without a code of its own the row keeps the last
     * one it had (a transient error of an earlier attempt).
     */
    public boolean fail(UUID messageId, UUID campaignId, UUID contactId, Rendered rendered, Integer code, String message,
            String failureKind) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET status = 'failed', failed_at = now(),"
                        + " failure_kind = ?, error_code = COALESCE(?, error_code), error_message = ?, claimed_by = NULL,"
                        + " body = COALESCE(body, ?), content_sid = COALESCE(content_sid, ?),"
                        + " content_variables = COALESCE(content_variables, ?::jsonb), updated_at = now()"
                        + " WHERE id = ? AND status IN ('queued', 'sending') AND twilio_sid IS NULL")) {
                    ps.setString(1, failureKind);
                    setInteger(ps, 2, code);
                    ps.setString(3, message);
                    setRendered(ps, 4, rendered);
                    ps.setObject(7, messageId);
                    n = ps.executeUpdate();
                }
                if (n > 0) {
                    if (Integer.valueOf(63024).equals(code)) {
                        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET whatsapp_status = 'not_on_whatsapp',"
                                + " updated_at = now() WHERE id = ? AND whatsapp_status <> 'not_on_whatsapp'")) {
                            ps.setObject(1, contactId);
                            ps.executeUpdate();
                        }
                    }
                }
                c.commit();
                return n > 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Pauses every sending campaign: the day's quota is used up. */
    public int pauseAllForQuota() throws SQLException {
        return update("UPDATE campaigns SET status = 'paused', pause_reason = 'daily_quota', paused_at = now(),"
                + " updated_at = now(), version = version + 1 WHERE status = 'sending'");
    }

    public long durableQuota(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(sent_count), 0) FROM daily_quota_counters WHERE day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private Map<String, String> map(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = json.readValue(text, new TypeReference<Map<String, Object>>() {
            });
            Map<String, String> out = new java.util.HashMap<>();
            raw.forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
            return out;
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
