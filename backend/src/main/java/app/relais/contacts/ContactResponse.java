package app.relais.contacts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"id\":\"6f1c…\",\"phone\":\"+33639988566\",\"country\":\"FR\",\"firstName\":\"Zoé\",\"lastName\":\"Durand\",\"whatsappStatus\":\"unknown\",\"optedOut\":false}")
public record ContactResponse(UUID id, String phone, @Schema(nullable = true) String country, @Schema(nullable = true) String firstName, @Schema(nullable = true) String lastName,
        Map<String, String> attributes, @Schema(nullable = true) String notes, @Schema(enumeration = { "unknown", "ok", "not_on_whatsapp" }) String whatsappStatus, boolean optedOut,
        @Schema(nullable = true) OffsetDateTime optedOutAt, @Schema(nullable = true, enumeration = { "inbound_keyword", "admin", "import", "provider" }) String optOutSource, @Schema(nullable = true) OffsetDateTime sandboxJoinedAt,
        @Schema(nullable = true) OffsetDateTime lastInboundAt, @Schema(nullable = true) String profileName, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        List<CategoryRef> categories) {

    @Schema(name = "ContactCategoryRef")
    public record CategoryRef(UUID id, String name, String colour) {
    }

    static ContactResponse of(Contact c, List<CategoryRef> categories) {
        return new ContactResponse(c.id, c.phoneE164, c.countryCode, c.firstName, c.lastName, c.attributes, c.notes,
                c.whatsappStatus, c.optedOut, c.optedOutAt, c.optOutSource, c.sandboxJoinedAt, c.lastInboundAt,
                c.profileName, c.createdAt, c.updatedAt, categories);
    }
}
