package app.relais.messages.log;

import app.relais.common.audit.AuditService;
import app.relais.common.db.Jdbc;
import app.relais.common.error.ApiException;
import app.relais.delivery.DailyQuota;
import app.relais.whatsapp.OutboundMessage;
import app.relais.whatsapp.SendOutcome;
import app.relais.whatsapp.WhatsAppGateway;
import app.relais.whatsapp.WhatsAppSetup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * An admin's answer to a contact from the conversation: checked (contact reachable, 24 h window
 * open, daily quota), written as a {@code manual} message, sent once through the gateway outside any
 * transaction, then its outcome recorded. Never retried automatically: a failed answer is shown failed,
 * with its explanation, and the admin decides.
 */
@ApplicationScoped
public class ReplyService {

    static final int MAX_BODY = 1600;

    private final DataSource dataSource;
    private final WhatsAppGateway gateway;
    private final WhatsAppSetup setup;
    private final DailyQuota quota;
    private final AuditService audit;

    public ReplyService(DataSource dataSource, WhatsAppGateway gateway, WhatsAppSetup setup, DailyQuota quota,
            AuditService audit) {
        this.dataSource = dataSource;
        this.gateway = gateway;
        this.setup = setup;
        this.quota = quota;
        this.audit = audit;
    }

    /** Sends the answer; returns the id of the message row (its status says how it went). */
    public UUID reply(UUID contactId, ReplyRequest request) {
        String body = request == null || request.body() == null ? "" : request.body().strip();
        if (body.isEmpty()) {
            throw ApiException.invalidField("body", "required", "field.required");
        }
        if (body.length() > MAX_BODY) {
            throw ApiException.invalidField("body", "too_long", "≤ " + MAX_BODY);
        }
        Object[] contact = new Object[3];
        Jdbc.query(dataSource, "SELECT phone_e164, opted_out, last_inbound_at FROM contacts WHERE id = ?",
                ps -> ps.setObject(1, contactId), rs -> {
                    contact[0] = rs.getString(1);
                    contact[1] = rs.getBoolean(2);
                    contact[2] = rs.getObject(3, OffsetDateTime.class);
                });
        if (contact[0] == null) {
            throw ApiException.notFound("Contact", contactId);
        }
        String phone = (String) contact[0];
        boolean optedOut = (Boolean) contact[1];
        OffsetDateTime lastInbound = (OffsetDateTime) contact[2];
        if (optedOut) {
            throw ApiException.conflict("contact-opted-out");
        }
        if (lastInbound == null || lastInbound.plusHours(MessageLogService.WINDOW_HOURS).isBefore(OffsetDateTime.now())) {
            throw ApiException.conflict("conversation-window-closed");
        }
        LocalDate day = quota.today();
        if (quota.take(day) < 0) {
            throw ApiException.conflict("daily-quota-reached", quota.limit());
        }
        UUID id;
        try {
            id = insert(contactId, phone, body);
        } catch (RuntimeException e) {
            quota.refund(day);
            throw e;
        }
        SendOutcome outcome = gateway.send(new OutboundMessage(id, phone, body, null, null));
        if (!(outcome instanceof SendOutcome.Accepted) && !(outcome instanceof SendOutcome.Unknown)) {
            quota.refund(day);
        }
        record(id, outcome);
        String result = outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        QuarkusTransaction.requiringNew().run(() -> audit.record("message.reply", "contact", contactId,
                Map.of("messageId", id, "outcome", result)));
        return id;
    }

    private UUID insert(UUID contactId, String phone, String body) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (contact_id, kind, direction, body, from_address, to_address, status)"
                        + " VALUES (?, 'manual', 'outbound', ?, ?, ?, 'queued') RETURNING id")) {
            ps.setObject(1, contactId);
            ps.setString(2, body);
            ps.setString(3, setup.senderDescription());
            ps.setString(4, "whatsapp:" + phone);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status callback may already have moved the row (simulator, fast Twilio): only fill what is missing. */
    private void record(UUID id, SendOutcome outcome) {
        String sql;
        Object[] args;
        if (outcome instanceof SendOutcome.Accepted a) {
            sql = "UPDATE messages SET twilio_sid = COALESCE(twilio_sid, ?), handed_at = COALESCE(handed_at, now()),"
                    + " status = CASE WHEN status = 'queued' THEN 'sending' ELSE status END, attempts = attempts + 1,"
                    + " updated_at = now() WHERE id = ?";
            args = new Object[] { a.sid(), id };
        } else if (outcome instanceof SendOutcome.Permanent p) {
            sql = failure();
            args = new Object[] { p.twilioCode(), p.message(), "permanent", id };
        } else if (outcome instanceof SendOutcome.Transient t) {
            sql = failure();
            args = new Object[] { t.twilioCode(), t.message(), "transient", id };
        } else {
            sql = "UPDATE messages SET status = 'sending', attempts = attempts + 1, error_message = ?, updated_at = now()"
                    + " WHERE id = ? AND status = 'queued'";
            args = new Object[] { ((SendOutcome.Unknown) outcome).message(), id };
        }
        Jdbc.update(dataSource, sql, args);
    }

    private static String failure() {
        return "UPDATE messages SET status = 'failed', error_code = ?, error_message = ?, failure_kind = ?,"
                + " failed_at = now(), attempts = attempts + 1, updated_at = now() WHERE id = ?";
    }
}
