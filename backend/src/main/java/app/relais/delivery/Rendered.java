package app.relais.delivery;

import java.util.Map;

/**
 * What one message says once rendered for its contact: a text, or a Content template with its
 * variables. The same rendering serves the send and every path that records it afterwards (an unknown
 * outcome, a failure, a reconciliation that finds the create at the provider).
 */
public record Rendered(String body, String contentSid, Map<String, String> variables) {

    static Rendered of(Claim claim) {
        if (claim.isMessage2()) {
            return new Rendered(VariableRenderer.render(claim.message2Body(), claim.phone(), claim.firstName(),
                    claim.lastName(), claim.attributes()), null, null);
        }
        if (claim.message1ContentSid() != null) {
            return new Rendered(null, claim.message1ContentSid(), VariableRenderer.renderAll(claim.message1Variables(),
                    claim.phone(), claim.firstName(), claim.lastName(), claim.attributes()));
        }
        return new Rendered(VariableRenderer.render(claim.message1Body(), claim.phone(), claim.firstName(),
                claim.lastName(), claim.attributes()), null, null);
    }
}
