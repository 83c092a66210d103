package app.relais.categories;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"id\":\"0a2b…\",\"name\":\"Clients Lyon\",\"colour\":\"#10B981\",\"contactCount\":42}")
public record CategoryResponse(UUID id, String name, String colour, String description, long contactCount,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static CategoryResponse of(Category c, long count) {
        return new CategoryResponse(c.id, c.name, c.colour, c.description, count, c.createdAt, c.updatedAt);
    }
}
