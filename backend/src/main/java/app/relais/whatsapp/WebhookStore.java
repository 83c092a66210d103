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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
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

    /**
     * Applies callbacks in one transaction, in arrival order, with a handful of round trips whatever
     * their number: one locking SELECT of the message rows (in id order), one batch of event inserts
     * (the unique SID + status key tells which are new), one batch of message updates, then the
     * campaign counters and contacts, summed.
     */
    public List<StatusResult> applyStatuses(List<StatusCallback> callbacks) throws SQLException {
        return inTransaction(c -> applyGroup(c, callbacks));
    }

    private List<StatusResult> applyGroup(Connection c, List<StatusCallback> callbacks) throws SQLException {
        Map<UUID, State> byId = new HashMap<>();
        Map<String, State> bySid = new HashMap<>();
        lockRows(c, callbacks, byId, bySid);

        State[] matched = new State[callbacks.size()];
        for (int i = 0; i < callbacks.size(); i++) {
            StatusCallback cb = callbacks.get(i);
            State state = cb.messageId() == null ? null : byId.get(cb.messageId());
            if (state != null && state.sid != null && !state.sid.equals(cb.sid())) {
                state = null;
            }
            if (state == null) {
                state = bySid.get(cb.sid());
            }
            if (state != null && state.sid == null) {
                state.sid = cb.sid();
                state.dirty = true;
                bySid.put(cb.sid(), state);
            }
            matched[i] = state;
        }

        int[] inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_status_events (message_id, twilio_sid,"
                + " status, error_code, error_message, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb)"
                // An event stored before its SID was known (the create's answer lost) is taken up, once, by the
                // row that adopts the SID: it counts as new for that row.
                + " ON CONFLICT (twilio_sid, status) DO UPDATE SET message_id = EXCLUDED.message_id"
                + " WHERE message_status_events.message_id IS NULL AND EXCLUDED.message_id IS NOT NULL")) {
            for (int i = 0; i < callbacks.size(); i++) {
                StatusCallback cb = callbacks.get(i);
                ps.setObject(1, matched[i] == null ? null : matched[i].id);
                ps.setString(2, cb.sid());
                ps.setString(3, cb.status());
                setInteger(ps, 4, cb.errorCode());
                ps.setString(5, cb.errorMessage());
                ps.setString(6, cb.payloadJson());
                ps.addBatch();
            }
            inserted = ps.executeBatch();
        }

        Deferred deferred = new Deferred();
        List<StatusResult> results = new ArrayList<>(callbacks.size());
        for (int i = 0; i < callbacks.size(); i++) {
            StatusCallback cb = callbacks.get(i);
            State state = matched[i];
            if (inserted[i] == 0) {
                results.add(new StatusResult(true, state != null, Optional.empty()));
                continue;
            }
            MessageStatus next = MessageStatus.fromTwilio(cb.status());
            if (state == null || next == null || next == MessageStatus.RECEIVED || next == MessageStatus.QUEUED) {
                results.add(new StatusResult(false, state != null, Optional.empty()));
                continue;
            }
            state.dirty = true;
            state.stamps.add(switch (next) {
                case SENT -> "sent_at";
                case DELIVERED -> "delivered_at";
                case READ -> "read_at";
                default -> "failed_at";
            });
            if (cb.errorCode() != null) {
                state.errorCode = cb.errorCode();
            }
            if (cb.errorMessage() != null) {
                state.errorMessage = cb.errorMessage();
            }
            Optional<MessageStatusChanged> change = Optional.empty();
            if (state.status.canMoveTo(next)) {
                change = Optional.of(new MessageStatusChanged(state.id, state.campaignId, state.contactId, state.kind,
                        state.status, next, cb.errorCode()));
                state.status = next;
            }
            String learned = learnedWhatsAppStatus(next, cb.errorCode());
            if (learned != null) {
                deferred.contacts.put(state.contactId, learned);
            }
            results.add(new StatusResult(false, true, change));
        }

        List<State> dirty = byId.values().stream().filter(s -> s.dirty).sorted((x, y) -> x.id.compareTo(y.id)).toList();
        if (!dirty.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET status = ?, twilio_sid = COALESCE(twilio_sid, ?),"
                    + " error_code = ?, error_message = ?, updated_at = now(),"
                    + " sent_at = CASE WHEN ? THEN COALESCE(sent_at, now()) ELSE sent_at END,"
                    + " delivered_at = CASE WHEN ? THEN COALESCE(delivered_at, now()) ELSE delivered_at END,"
                    + " read_at = CASE WHEN ? THEN COALESCE(read_at, now()) ELSE read_at END,"
                    + " failed_at = CASE WHEN ? THEN COALESCE(failed_at, now()) ELSE failed_at END,"
                    // A callback with a SID proves the provider accepted the message: a create whose answer was
                    // lost (crash before the SID commit) is handed over too, so its campaign can complete.
                    + " handed_at = CASE WHEN ? THEN COALESCE(handed_at, now()) ELSE handed_at END WHERE id = ?")) {
                for (State st : dirty) {
                    ps.setString(1, st.status.dbValue());
                    ps.setString(2, st.sid);
                    setInteger(ps, 3, st.errorCode);
                    ps.setString(4, st.errorMessage);
                    ps.setBoolean(5, st.stamps.contains("sent_at"));
                    ps.setBoolean(6, st.stamps.contains("delivered_at"));
                    ps.setBoolean(7, st.stamps.contains("read_at"));
                    ps.setBoolean(8, st.stamps.contains("failed_at"));
                    ps.setBoolean(9, st.sid != null);
                    ps.setObject(10, st.id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        deferred.flush(c);
        return results;
    }

    /** A message row as this transaction sees it, updated in memory as the group's callbacks apply. */
    private static final class State {
        final UUID id;
        final UUID campaignId;
        final UUID contactId;
        final String kind;
        MessageStatus status;
        String sid;
        Integer errorCode;
        String errorMessage;
        final java.util.Set<String> stamps = new java.util.HashSet<>();
        boolean dirty;

        State(UUID id, MessageStatus status, UUID campaignId, UUID contactId, String kind, String sid, Integer errorCode,
                String errorMessage) {
            this.id = id;
            this.status = status;
            this.campaignId = campaignId;
            this.contactId = contactId;
            this.kind = kind;
            this.sid = sid;
            this.errorCode = errorCode;
            this.errorMessage = errorMessage;
        }
    }

    private static void lockRows(Connection c, List<StatusCallback> callbacks, Map<UUID, State> byId,
            Map<String, State> bySid) throws SQLException {
        Object[] ids = callbacks.stream().map(StatusCallback::messageId).filter(java.util.Objects::nonNull).distinct()
                .toArray();
        Object[] sids = callbacks.stream().map(StatusCallback::sid).distinct().toArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, status, campaign_id, contact_id, kind, twilio_sid,"
                + " error_code, error_message FROM messages WHERE direction = 'outbound'"
                + " AND (id = ANY (?) OR twilio_sid = ANY (?)) ORDER BY id FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", sids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    State st = new State(rs.getObject(1, UUID.class), MessageStatus.fromDb(rs.getString(2)),
                            rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                            (Integer) rs.getObject(7), rs.getString(8));
                    byId.put(st.id, st);
                    if (st.sid != null) {
                        bySid.put(st.sid, st);
                    }
                }
            }
        }
    }

    /**
     * Writes that many callbacks share (a contact's status), collapsed over a batch
     * and taken in id order after the message rows, so concurrent batches cannot deadlock on them.
     */
    private static final class Deferred {
        final Map<UUID, String> contacts = new TreeMap<>();

        void flush(Connection c) throws SQLException {
            if (!contacts.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET whatsapp_status = ?,"
                        + " updated_at = now() WHERE id = ? AND whatsapp_status <> ?")) {
                    for (Map.Entry<UUID, String> e : contacts.entrySet()) {
                        ps.setString(1, e.getValue());
                        ps.setObject(2, e.getKey());
                        ps.setString(3, e.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            // The campaign's counters are not written here: they are read from the statistics read
            // model (V10 campaign_counters), which the messages trigger maintains without a hot row.
        }
    }

    /** 63024 teaches that the number is not on WhatsApp; delivered or read that it is. */
    private static String learnedWhatsAppStatus(MessageStatus status, Integer errorCode) {
        if (Integer.valueOf(63024).equals(errorCode) && status.isFinalFailure()) {
            return "not_on_whatsapp";
        }
        return status == MessageStatus.DELIVERED || status == MessageStatus.READ ? "ok" : null;
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
                + " ON CONFLICT (twilio_sid) WHERE twilio_sid IS NOT NULL DO NOTHING RETURNING id, received_at")) {
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
