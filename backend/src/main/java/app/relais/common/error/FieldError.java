package app.relais.common.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid field of a request: the JSON path, a machine code and a sentence for a person. */
@Schema(name = "FieldError")
public record FieldError(
        @Schema(example = "phone") String field,
        @Schema(example = "invalid_phone") String code,
        @Schema(example = "Numéro invalide : format international +33612345678") String message) {
}
