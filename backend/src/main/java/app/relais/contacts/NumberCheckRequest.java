package app.relais.contacts;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A number as an admin types it, with the country the form has chosen (the default country when absent). */
@Schema(example = "{\"number\":\"97 12 34 56\",\"country\":\"BJ\"}")
public record NumberCheckRequest(
        @Schema(description = "Any usual spelling: national, +international, 00international, with spaces or dots") @Size(max = 64) String number,
        @Schema(description = "ISO country for a national number, e.g. FR, BJ, CI") @Size(max = 2) String country) {
}
