package app.relais.contacts;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the server would store for a number: its E.164 form and country, whether it was written in a former
 * numbering plan and repaired (and why), or the reason it is refused, in the caller's language.
 */
@Schema(example = "{\"valid\":true,\"e164\":\"+2290197123456\",\"country\":\"BJ\",\"repaired\":true,"
        + "\"repairReason\":\"Bénin : les numéros ont 10 chiffres depuis le 30 novembre 2024 ; 01 a été ajouté devant l'ancien numéro.\","
        + "\"reason\":null,\"message\":null,\"existingContactId\":null}")
public record NumberCheckResponse(
        boolean valid,
        @Schema(description = "The number as it would be stored; null when refused") String e164,
        @Schema(description = "ISO country of the number") String country,
        @Schema(description = "true when a number of a former plan (Benin 2024, Côte d'Ivoire 2021) was rewritten") boolean repaired,
        @Schema(description = "Why and how it was rewritten, for the person typing") String repairReason,
        @Schema(description = "Why it is refused: empty, not_a_number, invalid_country, too_short, too_long, invalid_number")
        String reason,
        @Schema(description = "The refusal in words, as the contact form shows it under the field") String message,
        @Schema(description = "The contact that already has this number (creating another would answer 409)") UUID existingContactId) {
}
