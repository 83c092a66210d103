package app.relais.whatsapp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"to\": \"+33612345678\", \"body\": \"Test Relais : si vous lisez ceci, l'envoi WhatsApp fonctionne.\"}")
public record TestMessageRequest(
        @NotBlank @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$") String to,
        @NotBlank @Size(max = 1600) String body) {
}
