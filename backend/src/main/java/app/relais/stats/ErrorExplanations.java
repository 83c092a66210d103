package app.relais.stats;

import app.relais.common.i18n.Messages;
import java.util.Locale;

/**
 * The sentence shown next to a Twilio error code, from the message bundles ({@code twilio-error.<code>});
 * a generic sentence for codes we do not describe.
 */
public final class ErrorExplanations {

    private ErrorExplanations() {
    }

    public static String explain(Integer code, Locale locale) {
        if (code == null) {
            return Messages.get(locale, "twilio-error.none");
        }
        String known = Messages.get(locale, "twilio-error." + code);
        return known != null ? known : Messages.get(locale, "twilio-error.other", code);
    }
}
