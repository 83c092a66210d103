package app.relais.contacts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"id\":\"6f1c…\",\"phone\":\"+33639988566\",\"country\":\"FR\",\"firstName\":\"Zoé\",\"lastName\":\"Durand\",\"whatsappStatus\":\"unknown\",\"optedOut\":false}")
public record ContactResponse(UUID id, String phone, String country, String firstName, String lastName,
        Map<String, String> attributes, String notes, String whatsappStatus, boolean optedOut,
        OffsetDateTime optedOutAt, String optOutSource, OffsetDateTime sandboxJoinedAt,
        OffsetDateTime lastInboundAt, String profileName, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        List<CategoryRef> categories) {

    public record CategoryRef(UUID id, String name, String colour) {
    }

    static ContactResponse of(Contact c, List<CategoryRef> categories) {
        return new ContactResponse(c.id, c.phoneE164, c.countryCode, c.firstName, c.lastName, c.attributes, c.notes,
                c.whatsappStatus, c.optedOut, c.optedOutAt, c.optOutSource, c.sandboxJoinedAt, c.lastInboundAt,
                c.profileName, c.createdAt, c.updatedAt, categories);
    }
}
