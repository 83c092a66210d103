package app.relais.whatsapp.simulator;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"phone\": \"+33612345678\", \"behaviour\": \"ok\", \"messageCount\": 3, \"lastMessageAt\": \"2026-11-25T02:00:00Z\"}")
public record SimulatedPhoneResponse(String phone, String behaviour, long messageCount, OffsetDateTime lastMessageAt) {

    static SimulatedPhoneResponse of(SimulatorStore.Phone p) {
        return new SimulatedPhoneResponse(p.phoneE164(), p.behaviour(), p.messageCount(), p.lastMessageAt());
    }
}
