package app.relais.contacts;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Partial update: absent (null) fields are left unchanged. */
@Schema(example = "{\"lastName\":\"Durand-Martin\",\"optedOut\":true}")
public record UpdateContactRequest(
        String phone,
        @Size(max = 2) String country,
        @Size(max = 200) String firstName,
        @Size(max = 200) String lastName,
        Map<String, String> attributes,
        @Size(max = 10000) String notes,
        Boolean optedOut,
        @Schema(description = "The contact's categories, all of them (replaces the current ones; [] leaves every category)") @Size(max = 1000) List<UUID> categoryIds) {
}
