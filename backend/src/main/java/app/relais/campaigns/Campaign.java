package app.relais.campaigns;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A campaign: Message 1 to every contact of its categories, Message 2 to those who reply in the window. */
@Entity
@Table(name = "campaigns")
public class Campaign extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String status = CampaignStatus.DRAFT;

    @Column(name = "message1_body")
    public String message1Body;

    @Column(name = "message1_content_sid")
    public String message1ContentSid;

    /** The template's text when saved or launched, unmapped placeholders holding their defaults (V24). */
    @Column(name = "message1_template_text")
    public String message1TemplateText;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "message1_variables", nullable = false)
    public Map<String, String> message1Variables = new HashMap<>();

    @Column(name = "message2_body")
    public String message2Body;

    @Column(name = "scheduled_at")
    public OffsetDateTime scheduledAt;

    @Column(name = "time_zone", nullable = false)
    public String timeZone = "Europe/Paris";

    @Column(name = "messages_per_second")
    public BigDecimal messagesPerSecond;

    @Column(name = "min_delay_ms")
    public Integer minDelayMs;

    @Column(name = "batch_size")
    public Integer batchSize;

    @Column(name = "batch_pause_seconds")
    public Integer batchPauseSeconds;

    @Column(name = "failure_rate_threshold")
    public BigDecimal failureRateThreshold;

    @Column(name = "failure_rate_window")
    public Integer failureRateWindow;

    @Column(name = "pause_reason")
    public String pauseReason;

    @Column(name = "run_number", nullable = false)
    public int runNumber = 1;

    @Column(name = "recipients_count", nullable = false)
    public int recipientsCount;

    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "launched_at")
    public OffsetDateTime launchedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "stopped_at")
    public OffsetDateTime stoppedAt;

    @Column(name = "paused_at")
    public OffsetDateTime pausedAt;

    @Column(name = "archived_at")
    public OffsetDateTime archivedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    @Column(nullable = false)
    public long version;
}
