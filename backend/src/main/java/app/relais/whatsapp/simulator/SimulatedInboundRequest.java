package app.relais.whatsapp.simulator;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"from\": \"+33612345678\", \"body\": \"Oui, je suis intéressé\", \"profileName\": \"Alice\"}")
public record SimulatedInboundRequest(
        @NotBlank @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$") String from,
        @NotBlank @Size(max = 1600) String body,
        @Size(max = 200) String profileName,
        @Pattern(regexp = "^SM[0-9a-f]{32}$") String originalRepliedMessageSid) {
}
