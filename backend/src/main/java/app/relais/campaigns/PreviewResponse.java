package app.relais.campaigns;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Message 1 and Message 2 as one contact would receive them; variables this contact leaves blank. For a
 * Message 1 from a template, message1Body is the template's text with this contact's variables filled.
 */
@Schema(name = "CampaignPreview", example = """
        {"contactId": "6a0c2d7e-1b1f-4b2a-8a7e-5c9d3e2f1a00", "phone": "+33612345678",
         "message1Body": "Bonjour Awa, nos soldes commencent demain !", "message1ContentSid": null,
         "message1Variables": null, "message2Body": "Merci Awa !", "blankVariables": []}""")
public record PreviewResponse(UUID contactId, String phone,
        @Schema(description = "Message 1 as the contact reads it: the text, or the template's text with its variables filled", nullable = true) String message1Body,
        String message1ContentSid,
        Map<String, String> message1Variables, String message2Body, List<String> blankVariables) {
}
