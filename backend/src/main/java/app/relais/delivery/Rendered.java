package app.relais.delivery;

import java.util.Map;

/**
 * What one message says once rendered for its contact: a text, or a Content template with its
 * variables. For a template, {@code body} is the template's text with those variables filled, as the
 * contact reads it: it is recorded with the message (never sent: Twilio sends the template). The same
 * rendering serves the send and every path that records it afterwards (an unknown outcome, a failure,
 * a reconciliation that finds the create at the provider).
 */
public record Rendered(String body, String contentSid, Map<String, String> variables) {

    static Rendered of(Claim claim) {
        if (claim.isMessage2()) {
            return new Rendered(VariableRenderer.render(claim.message2Body(), claim.phone(), claim.firstName(),
                    claim.lastName(), claim.attributes()), null, null);
        }
        if (claim.message1ContentSid() != null) {
            Map<String, String> variables = VariableRenderer.renderAll(claim.message1Variables(), claim.phone(),
                    claim.firstName(), claim.lastName(), claim.attributes());
            return new Rendered(VariableRenderer.fill(claim.message1TemplateText(), variables),
                    claim.message1ContentSid(), variables);
        }
        return new Rendered(VariableRenderer.render(claim.message1Body(), claim.phone(), claim.firstName(),
                claim.lastName(), claim.attributes()), null, null);
    }
}
