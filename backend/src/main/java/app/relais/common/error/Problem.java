package app.relais.common.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 Problem Details, the body of every error response ({@code application/problem+json}). */
@Schema(name = "Problem", description = "RFC 9457 Problem Details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(example = "https://relais.app/problems/validation") String type,
        @Schema(example = "Requête invalide") String title,
        @Schema(example = "400") int status,
        @Schema(example = "Un ou plusieurs champs sont invalides.") String detail,
        @Schema(example = "/api/contacts") String instance,
        @Schema(example = "validation", description = "Stable machine-readable code") String code,
        List<FieldError> errors,
        @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://relais.app/problems/";

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }
}
