package app.relais.delivery;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-contact variables in message texts: {{first_name}}, {{last_name}}, {{phone}} and any key of the
 * contact's attributes ({{city}}). An unknown or blank variable renders as an empty string.
 */
public final class VariableRenderer {

    public static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
    public static final Set<String> BUILT_IN = Set.of("first_name", "last_name", "phone");

    private VariableRenderer() {
    }

    public static String render(String template, String phone, String firstName, String lastName,
            Map<String, String> attributes) {
        if (template == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = value(m.group(1), phone, firstName, lastName, attributes);
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static Map<String, String> renderAll(Map<String, String> templates, String phone, String firstName,
            String lastName, Map<String, String> attributes) {
        if (templates == null || templates.isEmpty()) {
            return templates;
        }
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((k, v) -> out.put(k, render(v, phone, firstName, lastName, attributes)));
        return out;
    }

    public static String value(String name, String phone, String firstName, String lastName, Map<String, String> attributes) {
        return switch (name) {
            case "first_name" -> firstName;
            case "last_name" -> lastName;
            case "phone" -> phone;
            default -> attributes == null ? null : attributes.get(name);
        };
    }

    /**
     * A Twilio template's text with {@code values} put in its placeholders ({{1}} → values["1"]); a
     * placeholder without a value stays as written.
     */
    public static String fill(String text, Map<String, String> values) {
        if (text == null || values == null || values.isEmpty()) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(values.containsKey(key)
                    ? (values.get(key) == null ? "" : values.get(key)) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variable names a text uses, in order of appearance. */
    public static Set<String> names(String template) {
        Set<String> names = new LinkedHashSet<>();
        if (template != null) {
            Matcher m = VARIABLE.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
