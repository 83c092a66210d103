package app.relais.contacts.imports;

import app.relais.common.i18n.Messages;
import java.util.Locale;

/** Texts of the import report, from the message bundles (keys import.*). */
final class ImportMessages {

    private ImportMessages() {
    }

    /** A row's reason ("too_short", "duplicate_in_file"…) or a file problem ("unclosed_quote"…). */
    static String reason(Locale locale, String code) {
        if (code == null) {
            return null;
        }
        return Messages.getOrDefault(locale, "import.reason." + code, code);
    }

    static String repaired(Locale locale, String raw, String e164) {
        return Messages.getOrDefault(locale, "import.reason.repaired", "{0} → {1}", raw, e164);
    }

    /** The job's error message (French, like the rest of the report). */
    static String failure(String code, int committedLine) {
        String cause = Messages.getOrDefault(Locale.FRENCH, "import.failure." + code, code);
        return Messages.getOrDefault(Locale.FRENCH, "import.failure.summary", "{0} ({1})", cause, committedLine);
    }
}
