package app.relais.categories;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"ids\":[\"6f1c…\"]}")
public record CategoryMembersRequest(List<UUID> ids) {
}
