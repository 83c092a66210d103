package app.relais.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record StatusCount(@Schema(example = "delivered") String status, @Schema(example = "790") long count) {
}
