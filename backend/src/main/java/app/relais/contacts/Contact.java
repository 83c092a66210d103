package app.relais.contacts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person Relais writes to, identified by a unique E.164 number. */
@Entity
@Table(name = "contacts")
public class Contact extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "phone_e164", nullable = false, unique = true)
    public String phoneE164;

    @Column(name = "country_code")
    public String countryCode;

    @Column(name = "first_name", nullable = false)
    public String firstName = "";

    @Column(name = "last_name", nullable = false)
    public String lastName = "";

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", nullable = false)
    public Map<String, String> attributes = new HashMap<>();

    @Column(nullable = false)
    public String notes = "";

    @Column(name = "whatsapp_status", nullable = false)
    public String whatsappStatus = WhatsAppStatus.UNKNOWN;

    @Column(name = "opted_out", nullable = false)
    public boolean optedOut;

    @Column(name = "opted_out_at")
    public OffsetDateTime optedOutAt;

    @Column(name = "opt_out_source")
    public String optOutSource;

    @Column(name = "sandbox_joined_at")
    public OffsetDateTime sandboxJoinedAt;

    @Column(name = "last_inbound_at")
    public OffsetDateTime lastInboundAt;

    @Column(name = "profile_name")
    public String profileName;

    @Column(name = "inbound_only", nullable = false)
    public boolean inboundOnly;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    public static Optional<Contact> findByPhone(String e164) {
        return find("phoneE164", e164).firstResultOptional();
    }

    /** Values of the contact's WhatsApp status, as checked by the database. */
    public static final class WhatsAppStatus {
        public static final String UNKNOWN = "unknown";
        public static final String OK = "ok";
        public static final String NOT_ON_WHATSAPP = "not_on_whatsapp";

        private WhatsAppStatus() {
        }
    }
}
