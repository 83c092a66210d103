package app.relais.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A bulk action on either explicit {@code ids} or every contact matching {@code filter} (exactly one of them). */
@Schema(example = "{\"action\":\"add_to_category\",\"filter\":{\"q\":\"durand\",\"optedOut\":false},\"categoryId\":\"0a2b…\"}")
public record BulkContactsRequest(
        @Schema(enumeration = {"add_to_category", "remove_from_category", "delete", "opt_out"}) String action,
        @Schema(description = "Selected contacts (at most 10,000); give ids or filter, not both") List<UUID> ids,
        UUID categoryId,
        @Schema(description = "Every contact matching these list filters; give ids or filter, not both") Filter filter) {

    public BulkContactsRequest(String action, List<UUID> ids, UUID categoryId) {
        this(action, ids, categoryId, null);
    }

    /** The filters of GET /api/contacts; absent fields do not filter. An empty object selects every contact. */
    @Schema(name = "ContactFilter")
    public record Filter(String q, UUID categoryId, String whatsappStatus, Boolean optedOut, Boolean sandboxJoined,
            Boolean hasReplied) {

        ContactService.ListFilter toListFilter() {
            return new ContactService.ListFilter(q, categoryId, whatsappStatus, optedOut, sandboxJoined, hasReplied);
        }

        /** The non-empty fields, for the audit log. */
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (q != null) {
                m.put("q", q);
            }
            if (categoryId != null) {
                m.put("categoryId", categoryId.toString());
            }
            if (whatsappStatus != null) {
                m.put("whatsappStatus", whatsappStatus);
            }
            if (optedOut != null) {
                m.put("optedOut", optedOut);
            }
            if (sandboxJoined != null) {
                m.put("sandboxJoined", sandboxJoined);
            }
            if (hasReplied != null) {
                m.put("hasReplied", hasReplied);
            }
            return m;
        }
    }
}
