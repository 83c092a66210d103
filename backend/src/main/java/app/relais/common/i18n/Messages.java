package app.relais.common.i18n;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The sentences a person reads, in French (default) and English, from
 * {@code messages/messages_fr.properties} and {@code messages_en.properties}. Placeholders are
 * {0}, {1}… replaced literally (no MessageFormat: French apostrophes stay as written).
 */
public final class Messages {

    public static final Locale FRENCH = Locale.FRENCH;
    public static final Locale ENGLISH = Locale.ENGLISH;
    private static final String BUNDLE = "messages.messages";

    private Messages() {
    }

    /** The best of French and English for an Accept-Language list; French when neither is asked for. */
    public static Locale negotiate(List<Locale> acceptable) {
        if (acceptable != null) {
            for (Locale l : acceptable) {
                if ("fr".equals(l.getLanguage())) {
                    return FRENCH;
                }
                if ("en".equals(l.getLanguage())) {
                    return ENGLISH;
                }
            }
        }
        return FRENCH;
    }

    /**
     * An argument translated in the reader's language when the message is written, e.g. a campaign's
     * status ({@code new Messages.Label("campaign.status.sending")} → "en cours d'envoi" / "sending").
     */
    public record Label(String key, String fallback) {
    }

    /** A campaign status as a label (keys campaign.status.*), falling back to the raw value. */
    public static Label campaignStatus(String status) {
        return new Label("campaign.status." + status, status);
    }

    public static String get(Locale locale, String key, Object... args) {
        String template = find(locale, key);
        if (template == null) {
            return null;
        }
        return fill(template, localized(locale, args));
    }

    private static Object[] localized(Locale locale, Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] out = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Label label) {
                if (out == args) {
                    out = args.clone();
                }
                String text = find(locale, label.key());
                out[i] = text != null ? text : label.fallback();
            }
        }
        return out;
    }

    public static String getOrDefault(Locale locale, String key, String fallback, Object... args) {
        String value = get(locale, key, args);
        return value == null ? fill(fallback, args) : value;
    }

    public static boolean has(String key) {
        return find(FRENCH, key) != null;
    }

    private static String find(Locale locale, String key) {
        Locale l = ENGLISH.getLanguage().equals(locale == null ? null : locale.getLanguage()) ? ENGLISH : FRENCH;
        try {
            return ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(
                    ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    static String fill(String template, Object... args) {
        if (template == null || args == null || args.length == 0) {
            return template;
        }
        String result = template;
        for (int i = 0; i < args.length; i++) {
            result = result.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return result;
    }
}
