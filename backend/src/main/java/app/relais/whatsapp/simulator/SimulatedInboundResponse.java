package app.relais.whatsapp.simulator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The simulated message's SID and the HTTP status the webhook answered (200 when stored). */
@Schema(example = "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"webhookStatus\": 200}")
public record SimulatedInboundResponse(String sid, int webhookStatus) {
}
