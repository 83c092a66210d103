package app.relais.contacts;

import jakarta.validation.constraints.Size;
import java.util.Map;
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
        Boolean optedOut) {
}
