package app.relais.contacts.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Where an imported column goes, and the mapping suggested from French or English headers. */
public enum ImportField {
    PHONE("phone"), COUNTRY("country"), FIRST_NAME("first_name"), LAST_NAME("last_name"),
    CATEGORIES("categories"), NOTES("notes"), ATTRIBUTE("attribute"), IGNORE("ignore");

    private final String key;

    ImportField(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static ImportField of(String key) {
        if (key == null) {
            return null;
        }
        String k = key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ImportField f : values()) {
            if (f.key.equals(k) || f.name().equalsIgnoreCase(k)) {
                return f;
            }
        }
        return switch (k) {
            case "firstname" -> FIRST_NAME;
            case "lastname" -> LAST_NAME;
            case "category" -> CATEGORIES;
            default -> null;
        };
    }

    private static final Set<String> PHONE_NAMES = Set.of("telephone", "tel", "phone", "phonenumber", "mobile",
            "portable", "numero", "numerodetelephone", "numerotelephone", "gsm", "whatsapp", "cellulaire", "msisdn",
            "number", "telmobile", "telephonemobile", "telephoneportable", "numeromobile");
    private static final Set<String> COUNTRY_NAMES = Set.of("pays", "country", "countrycode", "codepays",
            "indicatif", "indicatifpays", "countrycallingcode", "callingcode", "cc", "dialcode");
    private static final Set<String> FIRST_NAMES = Set.of("prenom", "prenoms", "firstname", "first", "givenname",
            "forename");
    private static final Set<String> LAST_NAMES = Set.of("nom", "lastname", "last", "surname", "nomdefamille",
            "familyname", "name", "nomdenaissance");
    private static final Set<String> CATEGORY_NAMES = Set.of("categorie", "categories", "category", "groupe",
            "groupes", "group", "groups", "tags", "tag", "liste", "listes", "segment", "segments");
    private static final Set<String> NOTE_NAMES = Set.of("notes", "note", "commentaire", "commentaires", "remarque",
            "remarques", "comment", "comments");

    /** "Téléphone portable" → "telephoneportable": accents, case and punctuation removed. */
    static String normalize(String header) {
        String s = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return s.replaceAll("[^a-z0-9]", "");
    }

    /** The campaign-variable key of a custom attribute column: "Ville de départ" → "ville_de_depart". */
    public static String attributeKey(String header) {
        String s = Normalizer.normalize(header == null ? "" : header.strip(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "col" : s;
    }

    static ImportField suggest(String header) {
        String n = normalize(header);
        if (n.isEmpty()) {
            return IGNORE;
        }
        if (COUNTRY_NAMES.contains(n)) {
            return COUNTRY;
        }
        if (PHONE_NAMES.contains(n) || n.startsWith("tel") || n.contains("phone") || n.contains("mobile")
                || n.contains("portable") || n.startsWith("numero")) {
            return PHONE;
        }
        if (FIRST_NAMES.contains(n) || n.startsWith("prenom")) {
            return FIRST_NAME;
        }
        if (LAST_NAMES.contains(n)) {
            return LAST_NAME;
        }
        if (CATEGORY_NAMES.contains(n) || n.startsWith("categor")) {
            return CATEGORIES;
        }
        if (NOTE_NAMES.contains(n)) {
            return NOTES;
        }
        return ATTRIBUTE;
    }

    /**
     * The field of each column: the suggestion from its header, overridden by the caller's mapping
     * (header → field key). Single-valued fields go to their first column only; a second one becomes a
     * custom attribute.
     */
    static List<ImportField> resolve(List<String> headers, Map<String, ImportField> overrides) {
        List<ImportField> fields = new ArrayList<>(headers.size());
        Set<ImportField> taken = new java.util.HashSet<>();
        for (String h : headers) {
            ImportField given = overrides == null ? null : overrides.get(h.strip());
            if (given != null) {
                fields.add(given);
                if (given != ATTRIBUTE && given != IGNORE) {
                    taken.add(given);
                }
            } else {
                fields.add(null);
            }
        }
        for (int i = 0; i < headers.size(); i++) {
            if (fields.get(i) != null) {
                continue;
            }
            ImportField s = suggest(headers.get(i));
            if (s != ATTRIBUTE && s != IGNORE && !taken.add(s)) {
                s = ATTRIBUTE;
            }
            fields.set(i, s);
        }
        return fields;
    }
}
