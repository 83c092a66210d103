package app.relais.whatsapp.simulator;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"direction\": \"outbound-api\", \"from\": \"whatsapp:+14155238886\", "
        + "\"to\": \"whatsapp:+33612345678\", \"body\": \"Bonjour Alice\", \"contentSid\": null, \"contentVariables\": null, "
        + "\"status\": \"read\", \"errorCode\": null, \"errorMessage\": null, \"dateCreated\": \"2026-11-25T02:00:00Z\"}")
public record SimulatedMessageResponse(String sid, String direction, String from, String to, String body,
        String contentSid, String contentVariables, String status, Integer errorCode, String errorMessage,
        OffsetDateTime dateCreated) {

    static SimulatedMessageResponse of(SimulatedMessage m) {
        return new SimulatedMessageResponse(m.sid(), m.direction(), m.fromAddress(), m.toAddress(), m.body(),
                m.contentSid(), m.contentVariables(), m.status(), m.errorCode(), m.errorMessage(), m.dateCreated());
    }
}
