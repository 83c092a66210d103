package app.relais.contacts.imports;

import app.relais.contacts.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One data row of the file, read through the column mapping, with its number parsed. */
final class ImportRow {
    final int line;
    final String rawPhone;
    final String e164;
    final String country;
    final boolean repaired;
    final String reason;
    String firstName;
    String lastName;
    String notes;
    final Map<String, String> attributes;
    final Set<String> categories;

    private ImportRow(int line, String rawPhone, PhoneNumbers.Parsed parsed, String firstName, String lastName,
            String notes, Map<String, String> attributes, Set<String> categories) {
        this.line = line;
        this.rawPhone = rawPhone;
        this.e164 = parsed.e164();
        this.country = parsed.country();
        this.repaired = parsed.repaired();
        this.reason = parsed.reason();
        this.firstName = firstName;
        this.lastName = lastName;
        this.notes = notes;
        this.attributes = attributes;
        this.categories = categories;
    }

    boolean ok() {
        return e164 != null;
    }

    /** True when every cell is blank (an empty line or a row of separators only). */
    static boolean blank(List<String> cells) {
        for (String c : cells) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    static ImportRow read(List<String> cells, int line, List<ImportField> fields, List<String> attributeKeys,
            String defaultCountry) {
        String phone = "";
        String country = null;
        String first = "";
        String last = "";
        String notes = "";
        Map<String, String> attributes = new LinkedHashMap<>();
        Set<String> categories = new LinkedHashSet<>();
        int n = Math.min(cells.size(), fields.size());
        for (int i = 0; i < n; i++) {
            String v = cells.get(i);
            switch (fields.get(i)) {
                case PHONE -> phone = v.strip();
                case COUNTRY -> country = v.strip();
                case FIRST_NAME -> first = clip(v.strip(), 200);
                case LAST_NAME -> last = clip(v.strip(), 200);
                case NOTES -> notes = clip(v.strip(), 10_000);
                case CATEGORIES -> splitCategories(v, categories);
                case ATTRIBUTE -> {
                    String value = v.strip();
                    if (!value.isEmpty()) {
                        attributes.put(attributeKeys.get(i), clip(value, 1_000));
                    }
                }
                case IGNORE -> {
                }
            }
        }
        PhoneNumbers.Parsed parsed = country != null && !country.isEmpty()
                ? PhoneNumbers.parseSeed(country, phone, defaultCountry)
                : PhoneNumbers.parse(phone, defaultCountry);
        if (phone.length() > 64) {
            phone = phone.substring(0, 64);
        }
        return new ImportRow(line, phone, parsed, first, last, notes, attributes, categories);
    }

    /** Category names are separated by | or , (or ; when the file's separator is another one). */
    static void splitCategories(String value, Set<String> into) {
        for (String name : value.split("[|,;]")) {
            String n = name.strip().replace('\u001F', ' ');
            if (!n.isEmpty()) {
                into.add(clip(n, 100));
            }
        }
    }

    /** Merges a later row for the same number: its non-empty values win, attributes and categories add up. */
    void absorb(ImportRow later) {
        if (!later.firstName.isEmpty()) {
            firstName = later.firstName;
        }
        if (!later.lastName.isEmpty()) {
            lastName = later.lastName;
        }
        if (!later.notes.isEmpty()) {
            notes = later.notes;
        }
        attributes.putAll(later.attributes);
        categories.addAll(later.categories);
    }

    List<String> categoryList() {
        return new ArrayList<>(categories);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
