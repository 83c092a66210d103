package app.relais.categories;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create (name required) or partial update (null = unchanged). */
@Schema(example = "{\"name\":\"Clients Lyon\",\"colour\":\"#10B981\",\"description\":\"\"}")
public record CategoryRequest(
        @Size(min = 1, max = 100) String name,
        @Pattern(regexp = "^#[0-9A-Fa-f]{6}$") String colour,
        @Size(max = 1000) String description) {
}
