package app.relais.contacts;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"action\":\"add_to_category\",\"ids\":[\"6f1c…\"],\"categoryId\":\"0a2b…\"}")
public record BulkContactsRequest(
        @Schema(enumeration = {"add_to_category", "remove_from_category", "delete", "opt_out"}) String action,
        List<UUID> ids, UUID categoryId) {
}
