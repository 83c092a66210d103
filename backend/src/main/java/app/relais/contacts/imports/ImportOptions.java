package app.relais.contacts.imports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Options of an import, sent as the multipart field {@code options} (JSON) or as separate form fields.
 * {@code mapping}: column header → phone | country | first_name | last_name | categories | notes |
 * attribute | ignore; unlisted columns get the suggested field.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "ContactImportOptions")
public record ImportOptions(
        @Schema(description = "Column header → field; unlisted columns get the suggestion") Map<String, String> mapping,
        @Schema(description = "ISO country of national numbers", defaultValue = "FR") String defaultCountry,
        @Schema(description = "merge (update existing contacts) or skip (leave them untouched)", defaultValue = "merge") String duplicates,
        @Schema(description = "Category every imported contact joins") UUID targetCategoryId,
        @Schema(description = "Read and check everything, write no contact") Boolean dryRun) {

    public static final String MERGE = "merge";
    public static final String SKIP = "skip";

    public boolean merge() {
        return duplicates == null || duplicates.isBlank() || MERGE.equalsIgnoreCase(duplicates.strip());
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
