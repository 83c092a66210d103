package app.relais.templates;

import app.relais.whatsapp.ContentTemplate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Twilio Content template: what a contact reads, its variables with example values, its WhatsApp approval. */
@Schema(name = "Template", example = """
        {"sid": "HX8a9a1a5f0f3b3c6e9d2b7f1e4c5d6a7b", "friendlyName": "relais_bienvenue", "language": "fr",
         "types": ["twilio/text"], "body": "Bonjour {{1}}, bienvenue chez {{2}} !",
         "variables": [{"key": "1", "example": "Awa"}, {"key": "2", "example": "Relais"}],
         "approval": {"status": "approved", "category": "MARKETING", "rejectionReason": null},
         "dateUpdated": "2026-09-15T10:02:00Z"}""")
public record TemplateResponse(
        @Schema(description = "Twilio Content SID, the message1ContentSid of a campaign", pattern = "^HX[0-9a-fA-F]{32}$") String sid,
        @Schema(description = "The template's name in the Twilio console") String friendlyName,
        @Schema(description = "Language code (fr, en, pt_BR…)", nullable = true) String language,
        @Schema(description = "Twilio content types, richest first: twilio/text, twilio/quick-reply, twilio/card, twilio/media…") List<String> types,
        @Schema(description = "The text a WhatsApp contact reads, with {{1}}, {{2}}… placeholders; null for a template without text (media only)", nullable = true) String body,
        @Schema(description = "The placeholders in order, each with the template's example (default) value") List<TemplateVariable> variables,
        TemplateApproval approval,
        @Schema(nullable = true) OffsetDateTime dateUpdated) {

    /** One placeholder: {{key}} in the body, the value given in message1Variables under this key. */
    @Schema(name = "TemplateVariable")
    public record TemplateVariable(@Schema(example = "1") String key,
            @Schema(description = "The template's default value, sent by Twilio when the campaign gives none", example = "Awa") String example) {
    }

    /** WhatsApp's review of the template. Only approved templates can start a conversation. */
    @Schema(name = "TemplateApproval")
    public record TemplateApproval(
            @Schema(enumeration = { "approved", "pending", "rejected", "unsubmitted", "paused", "disabled" }) String status,
            @Schema(description = "WhatsApp category: MARKETING, UTILITY, AUTHENTICATION…", nullable = true) String category,
            @Schema(description = "Why WhatsApp rejected it, as Meta wrote it", nullable = true) String rejectionReason) {
    }

    static TemplateResponse of(ContentTemplate t) {
        return new TemplateResponse(t.sid(), t.friendlyName(), t.language(), t.types(), t.body(),
                t.variables().entrySet().stream().map(e -> new TemplateVariable(e.getKey(), e.getValue())).toList(),
                new TemplateApproval(t.approvalStatus(), t.approvalCategory(), t.rejectionReason()), t.dateUpdated());
    }
}
