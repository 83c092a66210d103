package app.relais.contacts;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"phone\":\"06 39 98 85 66\",\"country\":\"FR\",\"firstName\":\"Zoé\",\"lastName\":\"Durand\",\"attributes\":{\"ville\":\"Lyon\"},\"notes\":\"\",\"categoryIds\":[\"3f0e8d1c-8c55-4c1b-9f43-1a2b3c4d5e6f\"]}")
public record CreateContactRequest(
        @Schema(description = "Any usual spelling; national numbers use `country` or the default country") String phone,
        @Schema(description = "ISO country for a national number, e.g. FR, BJ, CI") @Size(max = 2) String country,
        @Size(max = 200) String firstName,
        @Size(max = 200) String lastName,
        Map<String, String> attributes,
        @Size(max = 10000) String notes,
        @Schema(description = "Categories the contact joins") @Size(max = 1000) List<UUID> categoryIds) {
}
