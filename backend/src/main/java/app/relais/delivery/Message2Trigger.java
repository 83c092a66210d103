package app.relais.delivery;

import app.relais.messages.InboundMessageReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * A reply opens the 24 h window: when the contact's Message 1 of a sending, paused or completed
 * campaign went out less than the reply window ago and the campaign has a Message 2, queue Message 2
 * at once, ahead of Message 1 traffic. Exactly once per (campaign, contact): the unique index
 * messages_one_message2 makes the second of two concurrent replies insert nothing.
 */
@ApplicationScoped
public class Message2Trigger {

    private static final Logger LOG = Logger.getLogger(Message2Trigger.class);

    private final DataSource dataSource;
    private final DeliveryQueue queue;
    private final EngineClock clock;
    private final DeliveryConfig config;

    public Message2Trigger(DataSource dataSource, DeliveryQueue queue, EngineClock clock, DeliveryConfig config) {
        this.dataSource = dataSource;
        this.queue = queue;
        this.clock = clock;
        this.config = config;
    }

    /** The webhook fires the event after its commit, on the request thread: one short statement here. */
    void onInbound(@Observes InboundMessageReceived event) {
        if (event.optOut() || event.sandboxJoin()) {
            return;
        }
        try {
            queueMessage2(event.contactId()).ifPresent(id -> queue.enqueue(List.of(id), true));
        } catch (SQLException e) {
            // The reply is stored; a later reply inside the window can still trigger Message 2.
            LOG.warnf("Message 2 for contact %s not queued: %s", event.contactId(), e.toString());
        }
    }

    /** Inserts the contact's Message 2 if a Message 1 qualifies and none exists yet; its id, else empty. */
    public Optional<UUID> queueMessage2(UUID contactId) throws SQLException {
        OffsetDateTime since = clock.now().minus(config.replyWindow());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO messages (campaign_id, contact_id, run_number, kind,"
                        + " direction, to_address, status, enqueued_at)"
                        + " SELECT m.campaign_id, m.contact_id, m.run_number, 'message_2', 'outbound', m.to_address, 'queued', now()"
                        + " FROM messages m JOIN campaigns c ON c.id = m.campaign_id"
                        + " WHERE m.contact_id = ? AND m.kind = 'message_1' AND m.handed_at IS NOT NULL AND m.handed_at > ?"
                        + " AND c.status IN ('sending', 'paused', 'completed') AND c.message2_body IS NOT NULL"
                        + " AND btrim(c.message2_body) <> ''"
                        + " AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.campaign_id = m.campaign_id"
                        + " AND x.contact_id = m.contact_id AND x.kind = 'message_2')"
                        + " ORDER BY m.handed_at DESC LIMIT 1"
                        + " ON CONFLICT DO NOTHING RETURNING id")) {
            ps.setObject(1, contactId);
            ps.setObject(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }
}
