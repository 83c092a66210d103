package app.relais.stats;

import app.relais.common.i18n.Messages;
import app.relais.whatsapp.TwilioErrorCatalog;
import java.util.Locale;

/**
 * The sentence shown next to a Twilio error code: the title and the fix of
 * {@link TwilioErrorCatalog} (the one source of truth for error codes, also used by the engine to
 * decide retries), in the caller's language; a generic sentence from the message bundles
 * ({@code twilio-error.none}, {@code twilio-error.other}) for no code or a code the catalog lacks.
 */
public final class ErrorExplanations {

    private ErrorExplanations() {
    }

    public static String explain(Integer code, Locale locale) {
        if (code == null) {
            return Messages.get(locale, "twilio-error.none");
        }
        boolean english = locale != null && "en".equals(locale.getLanguage());
        return TwilioErrorCatalog.explain(code)
                .map(e -> english ? e.titleEn() + ". " + e.fixEn() : e.titleFr() + ". " + e.fixFr())
                .orElseGet(() -> Messages.get(locale, "twilio-error.other", code));
    }
}
