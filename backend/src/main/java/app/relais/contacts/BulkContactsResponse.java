package app.relais.contacts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"action\":\"delete\",\"requested\":3,\"affected\":3}")
public record BulkContactsResponse(String action, int requested, int affected) {
}
