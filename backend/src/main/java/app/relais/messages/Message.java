package app.relais.messages;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One WhatsApp message, outbound (campaign, test, manual) or inbound (a contact's reply). */
@Entity
@Table(name = "messages")
public class Message extends PanacheEntityBase {

    public static final String KIND_MESSAGE_1 = "message_1";
    public static final String KIND_MESSAGE_2 = "message_2";
    public static final String KIND_REPLY = "reply";
    public static final String KIND_MANUAL = "manual";
    public static final String KIND_TEST = "test";
    /**
     * The kinds of an outbound message (messages_direction_kind), as an SQL list: a query on a campaign's
     * messages that names them as well as the status is served by messages_campaign_kind_idx (campaign_id, kind, status).
     */
    public static final String OUTBOUND_KINDS_SQL = "('" + KIND_MESSAGE_1 + "', '" + KIND_MESSAGE_2 + "', '" + KIND_MANUAL
            + "', '" + KIND_TEST + "')";
    public static final String OUTBOUND = "outbound";
    public static final String INBOUND = "inbound";

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "run_number", nullable = false)
    public int runNumber = 1;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String direction;

    public String body;

    @Column(name = "content_sid")
    public String contentSid;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "content_variables")
    public Map<String, String> contentVariables;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, String>> media;

    @Column(name = "from_address")
    public String fromAddress;

    @Column(name = "to_address")
    public String toAddress;

    @Column(name = "twilio_sid", unique = true)
    public String twilioSid;

    @Column(nullable = false)
    public String status;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;

    @Column(name = "queued_at", nullable = false)
    public OffsetDateTime queuedAt = OffsetDateTime.now();

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;

    @Column(name = "failed_at")
    public OffsetDateTime failedAt;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    public MessageStatus statusValue() {
        return MessageStatus.fromDb(status);
    }
}
