package app.relais.whatsapp;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Twilio Content template as Relais uses it: what a contact reads ({@code body}, with {{1}}
 * placeholders), the template's default variable values, and its WhatsApp approval. Built from the
 * loosely typed maps the SDK parses (types, variables, approval requests are free-form JSON there).
 */
public record ContentTemplate(String sid, String friendlyName, String language, List<String> types, String body,
        Map<String, String> variables, String approvalStatus, String approvalCategory, String rejectionReason,
        OffsetDateTime dateUpdated) {

    public static final String APPROVED = "approved";
    public static final String PENDING = "pending";
    public static final String UNSUBMITTED = "unsubmitted";
    /** The statuses Relais shows; Twilio's "received" and other in-progress values read as pending. */
    public static final Set<String> STATUSES = Set.of(APPROVED, PENDING, "rejected", UNSUBMITTED, "paused", "disabled");

    public boolean approved() {
        return APPROVED.equals(approvalStatus);
    }

    /**
     * From the SDK's fields. {@code approval} is the WhatsApp approval object ({@code name, category,
     * status, rejection_reason…}), possibly wrapped in {@code {"whatsapp": {…}}}; null when never submitted.
     */
    static ContentTemplate of(String sid, String friendlyName, String language, Object types, Object variables,
            Object approval, ZonedDateTime dateUpdated) {
        Map<?, ?> typeMap = types instanceof Map<?, ?> m ? m : Map.of();
        List<String> typeNames = new ArrayList<>();
        typeMap.keySet().forEach(k -> typeNames.add(String.valueOf(k)));
        Map<String, String> defaults = new LinkedHashMap<>();
        if (variables instanceof Map<?, ?> vars) {
            vars.entrySet().stream()
                    .sorted((a, b) -> compareKeys(String.valueOf(a.getKey()), String.valueOf(b.getKey())))
                    .forEach(e -> defaults.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue())));
        }
        Map<?, ?> whatsapp = approval instanceof Map<?, ?> a ? a : Map.of();
        if (whatsapp.get("whatsapp") instanceof Map<?, ?> inner) {
            whatsapp = inner;
        }
        return new ContentTemplate(sid, friendlyName == null ? "" : friendlyName, language, List.copyOf(typeNames), bodyOf(typeMap),
                defaults, status(text(whatsapp.get("status"))), blankToNull(text(whatsapp.get("category"))),
                blankToNull(text(whatsapp.get("rejection_reason"))),
                dateUpdated == null ? null : dateUpdated.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * The text a WhatsApp contact reads: the richest type's body (a quick reply's or a card's, not the
     * twilio/text fallback meant for channels without them); a card without body reads as its title and
     * subtitle.
     */
    public static String bodyOf(Map<?, ?> types) {
        String fallback = null;
        for (Map.Entry<?, ?> type : types.entrySet()) {
            if (!(type.getValue() instanceof Map<?, ?> fields)) {
                continue;
            }
            String text = blankToNull(text(fields.get("body")));
            if (text == null) {
                String title = blankToNull(text(fields.get("title")));
                String subtitle = blankToNull(text(fields.get("subtitle")));
                text = title == null ? subtitle : subtitle == null ? title : title + "\n" + subtitle;
            }
            if (text == null) {
                continue;
            }
            if (!"twilio/text".equals(String.valueOf(type.getKey()))) {
                return text;
            }
            fallback = text;
        }
        return fallback;
    }

    static String status(String twilio) {
        if (twilio == null || twilio.isBlank()) {
            return UNSUBMITTED;
        }
        String s = twilio.strip().toLowerCase(Locale.ROOT);
        return STATUSES.contains(s) ? s : PENDING;
    }

    /** "1" < "2" < "10", then names in alphabetical order. */
    static int compareKeys(String a, String b) {
        boolean an = a.matches("\\d{1,9}");
        boolean bn = b.matches("\\d{1,9}");
        if (an && bn) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return an ? -1 : bn ? 1 : a.compareTo(b);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
