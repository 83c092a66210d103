package app.relais.whatsapp.simulator;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"behaviour\": \"not_on_whatsapp\"}")
public record UpdatePhoneRequest(
        @NotBlank @Schema(enumeration = { "ok", "not_joined", "not_on_whatsapp", "unreachable" }) String behaviour) {
}
