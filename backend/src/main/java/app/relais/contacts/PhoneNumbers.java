package app.relais.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Parses the phone numbers admins type or import into E.164 with their ISO country, and repairs
 * numbers written in a country's former numbering plan (Benin 2024, Côte d'Ivoire 2021).
 * See docs/contacts.md for the repair table.
 */
@ApplicationScoped
public class PhoneNumbers {

    /** Outcome of a parse: either an E.164 number with its country, or a reason code. */
    public record Parsed(String e164, String country, boolean repaired, String reason) {
        public boolean ok() {
            return e164 != null;
        }

        static Parsed failed(String reason) {
            return new Parsed(null, null, false, reason);
        }
    }

    public static final String EMPTY = "empty";
    public static final String NOT_A_NUMBER = "not_a_number";
    public static final String INVALID_COUNTRY = "invalid_country";
    public static final String TOO_SHORT = "too_short";
    public static final String TOO_LONG = "too_long";
    public static final String INVALID = "invalid_number";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    // Compiled once: the CSV import parses numbers by the million.
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\+?[0-9]+");
    private static final java.util.regex.Pattern FICTIONAL = java.util.regex.Pattern.compile("63998[0-9]{4}");

    @ConfigProperty(name = "relais.contacts.default-country", defaultValue = "FR")
    String defaultCountry = "FR";

    public String defaultCountry() {
        return defaultCountry;
    }

    /** Parses with the configured default country. */
    public Parsed parse(String raw) {
        return parse(raw, defaultCountry);
    }

    /** Parses the seed format: a country calling code ("+229", "229", or an ISO code "BJ") and a number. */
    public Parsed parseSeed(String countryCode, String phoneNumber) {
        return parseSeed(countryCode, phoneNumber, defaultCountry);
    }

    public static Parsed parseSeed(String countryCode, String phoneNumber, String defaultCountry) {
        String cc = countryCode == null ? "" : countryCode.strip();
        String number = clean(phoneNumber);
        if (number.isEmpty()) {
            return Parsed.failed(EMPTY);
        }
        if (cc.isEmpty() || number.startsWith("+") || number.startsWith("00")) {
            return parse(number, defaultCountry);
        }
        if (cc.matches("[A-Za-z]{2}")) {
            return parse(number, cc.toUpperCase(Locale.ROOT));
        }
        String digits = cc.replaceAll("^\\+|^00", "");
        if (!digits.matches("[1-9][0-9]{0,2}")) {
            return Parsed.failed(INVALID_COUNTRY);
        }
        String region = UTIL.getRegionCodeForCountryCode(Integer.parseInt(digits));
        if ("ZZ".equals(region)) {
            return Parsed.failed(INVALID_COUNTRY);
        }
        // A national number may carry its trunk prefix ("0639…" with +33): let libphonenumber drop it.
        return parse(number, region);
    }

    /** Parses any usual spelling; national numbers are read in {@code defaultCountry} (ISO 3166 alpha-2). */
    public static Parsed parse(String raw, String defaultCountry) {
        if (raw == null || raw.isBlank()) {
            return Parsed.failed(EMPTY);
        }
        String s = clean(raw);
        if (s.isEmpty()) {
            return Parsed.failed(EMPTY);
        }
        if (!DIGITS.matcher(s).matches()) {
            return Parsed.failed(NOT_A_NUMBER);
        }
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        }
        String region = defaultCountry == null || defaultCountry.isBlank() ? "FR"
                : defaultCountry.strip().toUpperCase(Locale.ROOT);
        if (!s.startsWith("+") && !UTIL.getSupportedRegions().contains(region)) {
            return Parsed.failed(INVALID_COUNTRY);
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(s, region);
        } catch (NumberParseException e) {
            return Parsed.failed(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> INVALID_COUNTRY;
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> TOO_SHORT;
                case TOO_LONG -> TOO_LONG;
                default -> NOT_A_NUMBER;
            });
        }
        boolean repaired = false;
        String national = UTIL.getNationalSignificantNumber(number);
        String fixed = repairLegacy(number.getCountryCode(), national);
        if (fixed != null) {
            PhoneNumber candidate = new PhoneNumber().setCountryCode(number.getCountryCode())
                    .setNationalNumber(Long.parseLong(fixed));
            if (fixed.startsWith("0")) {
                candidate.setItalianLeadingZero(true);
                if (fixed.startsWith("00")) {
                    candidate.setNumberOfLeadingZeros(2);
                }
            }
            if (UTIL.isValidNumber(candidate)) {
                number = candidate;
                repaired = true;
            }
        }
        if (isFictional(number)) {
            return new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), "FR", repaired, null);
        }
        if (!UTIL.isValidNumber(number)) {
            return Parsed.failed(switch (UTIL.isPossibleNumberWithReason(number)) {
                case TOO_SHORT -> TOO_SHORT;
                case TOO_LONG -> TOO_LONG;
                case INVALID_COUNTRY_CODE -> INVALID_COUNTRY;
                default -> INVALID;
            });
        }
        String country = UTIL.getRegionCodeForNumber(number);
        return new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                country == null || "ZZ".equals(country) ? null : country, repaired, null);
    }

    /**
     * The new national number for a number written in a former plan, or null when no repair applies.
     * Benin (+229): 8 digits → "01" + the old number. Côte d'Ivoire (+225): 8 digits → a two-digit
     * prefix chosen by the old number's first two digits (operator or fixed line).
     */
    static String repairLegacy(int countryCode, String national) {
        if (national.length() != 8) {
            return null;
        }
        if (countryCode == 229) {
            return "01" + national;
        }
        if (countryCode == 225) {
            String prefix = ivorianPrefix(Integer.parseInt(national.substring(0, 2)));
            return prefix == null ? null : prefix + national;
        }
        return null;
    }

    /** Côte d'Ivoire 2021 renumbering: prefix for an old 8-digit number by its first two digits. */
    static String ivorianPrefix(int firstTwo) {
        int tens = firstTwo / 10;
        int unit = firstTwo % 10;
        // Fixed lines: 20-24, 30-36 → 27.
        if ((tens == 2 && unit <= 4) || (tens == 3 && unit <= 6)) {
            return "27";
        }
        // Orange: 07-09, 47-49, 57-59, 67-69, 77-79, 87-89, 97-98 → 07.
        if ((tens == 0 || tens >= 4) && unit >= 7 && !(tens == 9 && unit == 9)) {
            return "07";
        }
        // MTN: 04-06, 44-46, ..., 94-96 → 05.
        if ((tens == 0 || tens >= 4) && unit >= 4 && unit <= 6) {
            return "05";
        }
        // Moov: 01-03, 40-43, 50-53, 70-73 → 01.
        if ((tens == 0 && unit >= 1 && unit <= 3) || ((tens == 4 || tens == 5 || tens == 7) && unit <= 3)) {
            return "01";
        }
        return null;
    }

    /**
     * ARCEP reserves 06 39 98 00 00 – 06 39 98 99 99 for fiction (films, demos, our samples);
     * libphonenumber calls them invalid, Relais accepts them so demos and tests can use them.
     */
    static boolean isFictional(PhoneNumber n) {
        return n.getCountryCode() == 33 && FICTIONAL.matcher(UTIL.getNationalSignificantNumber(n)).matches();
    }

    /** Drops the usual separators: spaces (incl. non-breaking), dots, dashes, slashes, parentheses. */
    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '.' || c == '-' || c == '/'
                    || c == '(' || c == ')' || c == '\u2011' || c == '\u2010') {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }
}
