package app.relais.whatsapp;

import app.relais.messages.InboundMessageReceived;
import app.relais.messages.MessageStatus;
import app.relais.messages.MessageStatusChanged;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The webhook's writes, in plain JDBC through the pool: one short transaction per callback, a few
 * statements, committed before the HTTP answer. No ORM on this hot path.
 */
@ApplicationScoped
public class WebhookStore {

    /** What a status callback changed; {@code change} is empty when the status did not move. */
    public record StatusResult(boolean duplicate, boolean matched, Optional<MessageStatusChanged> change) {
    }

    /** What an inbound message produced; {@code event} is empty for a duplicate. */
    public record InboundResult(boolean duplicate, Optional<InboundMessageReceived> event) {
    }

    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final WhatsAppConfig config;
    private final ObjectMapper json;

    public WebhookStore(DataSource dataSource, WhatsAppConfig config, ObjectMapper json) {
        this.dataSource = dataSource;
        this.config = config;
        this.json = json;
    }

    // ---------------------------------------------------------------------------------------------
    // Status callbacks

    public StatusResult applyStatus(StatusCallback callback) throws SQLException {
        return inTransaction(c -> applyStatus(c, callback));
    }

    private record Row(UUID id, MessageStatus status, UUID campaignId, UUID contactId, String kind, String sid) {
    }

    private StatusResult applyStatus(Connection c, StatusCallback cb) throws SQLException {
        Row row = null;
        if (cb.messageId() != null) {
            row = lockRow(c, "id = ?", cb.messageId());
            if (row != null && row.sid() != null && !row.sid().equals(cb.sid())) {
                row = null;
            }
        }
        if (row == null) {
            row = lockRow(c, "twilio_sid = ?", cb.sid());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_status_events (message_id, twilio_sid,"
                + " status, error_code, error_message, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (twilio_sid, status) DO NOTHING")) {
            ps.setObject(1, row == null ? null : row.id());
            ps.setString(2, cb.sid());
            ps.setString(3, cb.status());
            setInteger(ps, 4, cb.errorCode());
            ps.setString(5, cb.errorMessage());
            ps.setString(6, cb.payloadJson());
            if (ps.executeUpdate() == 0) {
                return new StatusResult(true, row != null, Optional.empty());
            }
        }
        MessageStatus next = MessageStatus.fromTwilio(cb.status());
        if (row == null || next == null || next == MessageStatus.RECEIVED || next == MessageStatus.QUEUED) {
            if (row != null && row.sid() == null) {
                setSid(c, row.id(), cb.sid());
            }
            return new StatusResult(false, row != null, Optional.empty());
        }
        boolean moves = row.status().canMoveTo(next);
        String stampColumn = switch (next) {
            case SENT -> "sent_at";
            case DELIVERED -> "delivered_at";
            case READ -> "read_at";
            case FAILED, UNDELIVERED -> "failed_at";
            default -> null;
        };
        StringBuilder sql = new StringBuilder("UPDATE messages SET twilio_sid = COALESCE(twilio_sid, ?),"
                + " error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message), updated_at = now()");
        if (moves) {
            sql.append(", status = ?");
        }
        if (stampColumn != null) {
            sql.append(", ").append(stampColumn).append(" = COALESCE(").append(stampColumn).append(", now())");
        }
        sql.append(" WHERE id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, cb.sid());
            setInteger(ps, i++, cb.errorCode());
            ps.setString(i++, cb.errorMessage());
            if (moves) {
                ps.setString(i++, next.dbValue());
            }
            ps.setObject(i, row.id());
            ps.executeUpdate();
        }
        if (moves && row.campaignId() != null) {
            updateCounters(c, row.campaignId(), row.status(), next);
        }
        learnContact(c, row.contactId(), next, cb.errorCode());
        return new StatusResult(false, true, moves
                ? Optional.of(new MessageStatusChanged(row.id(), row.campaignId(), row.contactId(), row.kind(),
                        row.status(), next, cb.errorCode()))
                : Optional.empty());
    }

    private static Row lockRow(Connection c, String where, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, status, campaign_id, contact_id, kind, twilio_sid"
                + " FROM messages WHERE direction = 'outbound' AND " + where + " FOR UPDATE")) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Row(rs.getObject(1, UUID.class), MessageStatus.fromDb(rs.getString(2)),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6));
            }
        }
    }

    private static void setSid(Connection c, UUID id, String sid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET twilio_sid = ?, updated_at = now() WHERE id = ? AND twilio_sid IS NULL")) {
            ps.setString(1, sid);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /** Counters follow the status move: each counts the messages whose current status is in its bucket. */
    private static void updateCounters(Connection c, UUID campaignId, MessageStatus from, MessageStatus to)
            throws SQLException {
        int sent = CampaignCounters.sent(to) - CampaignCounters.sent(from);
        int delivered = CampaignCounters.delivered(to) - CampaignCounters.delivered(from);
        int read = CampaignCounters.read(to) - CampaignCounters.read(from);
        int failed = CampaignCounters.failed(to) - CampaignCounters.failed(from);
        if (sent == 0 && delivered == 0 && read == 0 && failed == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE campaigns SET sent_count = sent_count + ?,"
                + " delivered_count = delivered_count + ?, read_count = read_count + ?, failed_count = failed_count + ?"
                + " WHERE id = ?")) {
            ps.setInt(1, sent);
            ps.setInt(2, delivered);
            ps.setInt(3, read);
            ps.setInt(4, failed);
            ps.setObject(5, campaignId);
            ps.executeUpdate();
        }
    }

    private static void learnContact(Connection c, UUID contactId, MessageStatus status, Integer errorCode)
            throws SQLException {
        String learned = Integer.valueOf(63024).equals(errorCode) && status.isFinalFailure() ? "not_on_whatsapp"
                : status == MessageStatus.DELIVERED || status == MessageStatus.READ ? "ok" : null;
        if (learned == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET whatsapp_status = ?, updated_at = now()"
                + " WHERE id = ? AND whatsapp_status <> ?")) {
            ps.setString(1, learned);
            ps.setObject(2, contactId);
            ps.setString(3, learned);
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Inbound messages

    public InboundResult storeInbound(InboundWebhook in) throws SQLException {
        return inTransaction(c -> storeInbound(c, in));
    }

    private InboundResult storeInbound(Connection c, InboundWebhook in) throws SQLException {
        UUID contactId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts (phone_e164, inbound_only, last_inbound_at,"
                + " profile_name) VALUES (?, true, now(), ?) ON CONFLICT (phone_e164) DO UPDATE SET"
                + " last_inbound_at = now(), profile_name = COALESCE(EXCLUDED.profile_name, contacts.profile_name),"
                + " updated_at = now() RETURNING id")) {
            ps.setString(1, in.fromE164());
            ps.setString(2, in.profileName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                contactId = rs.getObject(1, UUID.class);
            }
        }
        UUID repliedTo = null;
        UUID campaignId = null;
        if (in.originalRepliedMessageSid() != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, campaign_id FROM messages WHERE twilio_sid = ?"
                    + " AND direction = 'outbound'")) {
                ps.setString(1, in.originalRepliedMessageSid());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        repliedTo = rs.getObject(1, UUID.class);
                        campaignId = rs.getObject(2, UUID.class);
                    }
                }
            }
        }
        if (campaignId == null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, campaign_id FROM messages WHERE contact_id = ?"
                    + " AND kind = 'message_1' ORDER BY created_at DESC LIMIT 1")) {
                ps.setObject(1, contactId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        repliedTo = repliedTo == null ? rs.getObject(1, UUID.class) : repliedTo;
                        campaignId = rs.getObject(2, UUID.class);
                    }
                }
            }
        }
        UUID messageId;
        OffsetDateTime receivedAt;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (campaign_id, contact_id, kind, direction,"
                + " body, media, from_address, to_address, twilio_sid, status, received_at)"
                + " VALUES (?, ?, 'reply', 'inbound', ?, ?::jsonb, ?, ?, ?, 'received', now())"
                + " ON CONFLICT (twilio_sid) DO NOTHING RETURNING id, received_at")) {
            ps.setObject(1, campaignId);
            ps.setObject(2, contactId);
            ps.setString(3, in.body());
            ps.setString(4, in.media().isEmpty() ? null : toJson(in.media()));
            ps.setString(5, "whatsapp:" + in.fromE164());
            ps.setString(6, in.to());
            ps.setString(7, in.sid());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    c.rollback();
                    return new InboundResult(true, Optional.empty());
                }
                messageId = rs.getObject(1, UUID.class);
                receivedAt = rs.getObject(2, OffsetDateTime.class);
            }
        }
        boolean optOut = InboundKeywords.isOptOut(in.body());
        boolean join = !optOut && InboundKeywords.isSandboxJoin(in.body());
        String type = optOut ? "opt_out" : join ? "join" : in.buttonPayload() != null ? "button" : "reply";
        Map<String, Object> payload = new LinkedHashMap<>();
        putIfPresent(payload, "profileName", in.profileName());
        putIfPresent(payload, "waId", in.waId());
        putIfPresent(payload, "buttonText", in.buttonText());
        putIfPresent(payload, "buttonPayload", in.buttonPayload());
        putIfPresent(payload, "originalRepliedMessageSid", in.originalRepliedMessageSid());
        putIfPresent(payload, "repliedToMessageId", repliedTo == null ? null : repliedTo.toString());
        putIfPresent(payload, "twilioSid", in.sid());
        if (!in.media().isEmpty()) {
            payload.put("media", in.media());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO interactions (contact_id, message_id, campaign_id,"
                + " type, body, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setObject(1, contactId);
            ps.setObject(2, messageId);
            ps.setObject(3, campaignId);
            ps.setString(4, type);
            ps.setString(5, in.body());
            ps.setString(6, toJson(payload));
            ps.executeUpdate();
        }
        if (optOut) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET opted_out = true, opted_out_at = now(),"
                    + " opt_out_source = 'inbound_keyword', updated_at = now() WHERE id = ? AND NOT opted_out")) {
                ps.setObject(1, contactId);
                ps.executeUpdate();
            }
        }
        if (join) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE contacts SET sandbox_joined_at = now(), updated_at = now() WHERE id = ?")) {
                ps.setObject(1, contactId);
                ps.executeUpdate();
            }
        }
        return new InboundResult(false, Optional.of(
                new InboundMessageReceived(messageId, contactId, in.body(), receivedAt, optOut, join)));
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** One transaction; a deadlock or serialization failure is retried (the work is idempotent). */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET LOCAL lock_timeout = '" + config.webhookLockTimeout().toMillis() + "ms'");
                    }
                    T result = work.run(c);
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is likely gone; the pool discards it
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                last = e;
                String state = e.getSQLState();
                if (!"40P01".equals(state) && !"40001".equals(state)) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
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
