package app.relais.whatsapp;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One Twilio error code explained for the admin, in French and English, with the fix. */
@Schema(example = "{\"code\": 63016, \"retry\": \"NO\", \"twilioDefinition\": \"Failed to send freeform message because you are outside the allowed window\", "
        + "\"titleFr\": \"Hors fenêtre de 24 h\", \"fixFr\": \"Le contact n'a pas écrit depuis plus de 24 h : utilisez un modèle approuvé (ContentSid).\", "
        + "\"titleEn\": \"Outside the 24-hour window\", \"fixEn\": \"The contact has not written in the last 24 hours: send an approved template (ContentSid).\", "
        + "\"moreInfo\": \"https://www.twilio.com/docs/errors/63016\"}")
public record ErrorCodeResponse(int code, TwilioErrorCatalog.Retry retry, String twilioDefinition, String titleFr,
        String fixFr, String titleEn, String fixEn, String moreInfo) {

    public static ErrorCodeResponse of(TwilioErrorCatalog.ErrorExplanation e) {
        return new ErrorCodeResponse(e.code(), e.retry(), e.twilioDefinition(), e.titleFr(), e.fixFr(), e.titleEn(),
                e.fixEn(), e.moreInfo());
    }
}
