package app.relais.whatsapp;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of one test send: accepted (with Twilio's SID) or why not, explained. */
@Schema(example = "{\"messageId\": \"0b9f3c1e-4a52-4d7e-9a61-2f7a0c3d9e11\", \"outcome\": \"permanent\", \"sid\": null, "
        + "\"status\": \"failed\", \"errorCode\": 63007, \"httpStatus\": 400, \"message\": \"Twilio could not find a Channel with the specified From address\", "
        + "\"explanation\": {\"code\": 63007, \"retry\": \"NO\", \"titleFr\": \"Le destinataire n'a pas rejoint le Sandbox\"}}")
public record TestMessageResponse(UUID messageId, String outcome, String sid, String status, Integer errorCode,
        Integer httpStatus, String message, ErrorCodeResponse explanation) {
}
