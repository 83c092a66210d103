package app.relais.whatsapp;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Words a contact sends that change their status: opt-out keywords and the sandbox's "join <code>". */
public final class InboundKeywords {

    private static final Set<String> OPT_OUT = Set.of("STOP", "ARRET", "ARRÊT", "STOP ALL", "UNSUBSCRIBE",
            "DESABONNER", "DÉSABONNER");
    private static final Pattern JOIN = Pattern.compile("^join\\s+[\\p{L}0-9]+(-[\\p{L}0-9]+)*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private InboundKeywords() {
    }

    /** STOP, ARRET, ARRÊT, STOP ALL, UNSUBSCRIBE, DESABONNER — in any case, surrounding spaces ignored. */
    public static boolean isOptOut(String body) {
        if (body == null) {
            return false;
        }
        String normalized = body.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return OPT_OUT.contains(normalized);
    }

    /** "join <code>" as the Twilio sandbox expects it (the code is words joined by hyphens). */
    public static boolean isSandboxJoin(String body) {
        return body != null && JOIN.matcher(body.strip()).matches();
    }
}
