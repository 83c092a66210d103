package app.relais.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.relais.contacts.PhoneNumbers.Parsed;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "06 39 98 85 66|FR|+33639988566|FR|false",
        "0639988566|FR|+33639988566|FR|false",
        "06.39.98.85.66|FR|+33639988566|FR|false",
        "06-39-98-85-66|FR|+33639988566|FR|false",
        "+33 6 39 98 85 66|FR|+33639988566|FR|false",
        "0033639988566|FR|+33639988566|FR|false",
        "0033 6 39 98 85 66|BJ|+33639988566|FR|false",
        "+225 07 07 12 34 56|FR|+2250707123456|CI|false",
        "+225 07123456|FR|+2250707123456|CI|true",
        "+225 05 12 34 56|FR|+2250505123456|CI|true",
        "+225 01 23 45 67|FR|+2250101234567|CI|true",
        "+225 20 21 22 23|FR|+2252720212223|CI|true",
        "+225 48 12 34 56|FR|+2250748123456|CI|true",
        "+225 44 12 34 56|FR|+2250544123456|CI|true",
        "+225 42 12 34 56|FR|+2250142123456|CI|true",
        "+229 97 12 34 56|FR|+2290197123456|BJ|true",
        "+229 01 97 12 34 56|FR|+2290197123456|BJ|false",
        "97123456|BJ|+2290197123456|BJ|true",
        "0197123456|BJ|+2290197123456|BJ|false",
    })
    void parsesUsualSpellings(String raw, String region, String e164, String country, boolean repaired) {
        Parsed p = PhoneNumbers.parse(raw, region);
        assertTrue(p.ok(), () -> raw + " -> " + p.reason());
        assertEquals(e164, p.e164());
        assertEquals(country, p.country());
        assertEquals(repaired, p.repaired(), raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL|empty",
        "'   '|empty",
        "abc|not_a_number",
        "06 39 98 85|too_short",
        "06 39 98 85 66 77 88 99|too_long",
        "+999 12345678|invalid_country",
        "+225 99 12 34 56|too_short",
    })
    void refusesWithAReason(String raw, String reason) {
        Parsed p = PhoneNumbers.parse(raw, "FR");
        assertFalse(p.ok(), () -> raw + " parsed as " + p.e164());
        assertEquals(reason, p.reason(), raw);
        assertNull(p.e164());
    }

    @Test
    void seedFormat() {
        assertEquals("+2290159408018", PhoneNumbers.parseSeed("+229", "59408018", "FR").e164());
        assertTrue(PhoneNumbers.parseSeed("+229", "59408018", "FR").repaired());
        assertEquals("+2290198399897", PhoneNumbers.parseSeed("+229", "0198399897", "FR").e164());
        assertEquals("+33639988566", PhoneNumbers.parseSeed("+33", "639988566", "FR").e164());
        assertEquals("+33639988566", PhoneNumbers.parseSeed("33", "0639988566", "BJ").e164());
        assertEquals("+33639988566", PhoneNumbers.parseSeed("FR", "06 39 98 85 66", "BJ").e164());
        assertEquals(PhoneNumbers.INVALID_COUNTRY, PhoneNumbers.parseSeed("+99x", "639988566", "FR").reason());
    }

    @Test
    void ivorianTable() {
        for (int i = 0; i < 100; i++) {
            String p = PhoneNumbers.ivorianPrefix(i);
            int t = i / 10;
            int u = i % 10;
            String expected = null;
            if ((t == 2 && u <= 4) || (t == 3 && u <= 6)) {
                expected = "27";
            } else if (List.of(7, 8, 9, 47, 48, 49, 57, 58, 59, 67, 68, 69, 77, 78, 79, 87, 88, 89, 97, 98).contains(i)) {
                expected = "07";
            } else if (List.of(4, 5, 6, 44, 45, 46, 54, 55, 56, 64, 65, 66, 74, 75, 76, 84, 85, 86, 94, 95, 96)
                    .contains(i)) {
                expected = "05";
            } else if (List.of(1, 2, 3, 40, 41, 42, 43, 50, 51, 52, 53, 70, 71, 72, 73).contains(i)) {
                expected = "01";
            }
            assertEquals(expected, p, "first two digits " + i);
        }
    }

    /** Property: every spelling of a generated number parses to the same E.164. */
    @Test
    void everySpellingParsesToTheSameNumber() {
        long seed = Long.getLong("phone.seed", System.nanoTime());
        Random r = new Random(seed);
        int[] ciFirstTwo = {7, 8, 9, 47, 57, 67, 77, 87, 97, 98, 4, 5, 6, 44, 55, 66, 76, 86, 96, 1, 2, 3, 40, 43,
            50, 53, 70, 73};
        for (int i = 0; i < 3000; i++) {
            String e164;
            String region;
            List<String> spellings;
            int kind = i % 3;
            if (kind == 0) {
                String nsn;
                do {
                    nsn = (r.nextBoolean() ? "6" : "7") + digits(r, 8);
                } while (!valid("+33" + nsn));
                e164 = "+33" + nsn;
                region = "FR";
                String nat = "0" + nsn;
                spellings = List.of(nat, groups(nat, " "), groups(nat, "."), groups(nat, "-"), "+33" + nsn,
                        "+33 " + nsn.charAt(0) + " " + groups(nsn.substring(1), " "), "0033" + nsn,
                        "00 33 " + nsn, "+33 (0)" + nsn.replace("(0)", ""));
            } else if (kind == 1) {
                String old;
                do {
                    old = (char) ('4' + r.nextInt(6)) + digits(r, 7);
                } while (!valid("+22901" + old));
                e164 = "+22901" + old;
                region = "BJ";
                spellings = List.of(old, groups(old, " "), "+229" + old, "00229" + old, "+229 " + groups(old, " "),
                        "01" + old, groups("01" + old, " "), "+229 01" + old, "0022901" + old);
            } else {
                int ft = ciFirstTwo[r.nextInt(ciFirstTwo.length)];
                String old = String.format("%02d", ft) + digits(r, 6);
                String prefix = PhoneNumbers.ivorianPrefix(ft);
                if (!valid("+225" + prefix + old)) {
                    continue;
                }
                e164 = "+225" + prefix + old;
                region = "CI";
                spellings = List.of(old, groups(old, " "), "+225" + old, "00225 " + groups(old, "."),
                        prefix + old, groups(prefix + old, " "), "+225 " + groups(prefix + old, " "));
            }
            for (String s : spellings) {
                for (String def : List.of(region, "FR")) {
                    boolean national = !s.startsWith("+") && !s.startsWith("00");
                    if (national && !def.equals(region)) {
                        continue;
                    }
                    Parsed p = PhoneNumbers.parse(s, def);
                    if (!p.ok() || !e164.equals(p.e164()) || !region.equals(p.country())) {
                        fail("seed=" + seed + " input='" + s + "' default=" + def + " expected " + e164 + " got "
                                + p);
                    }
                }
            }
        }
    }

    private static boolean valid(String e164) {
        try {
            var u = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
            return u.isValidNumber(u.parse(e164, "ZZ"));
        } catch (Exception e) {
            return false;
        }
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(r.nextInt(10));
        }
        return b.toString();
    }

    private static String groups(String s, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i += 2) {
            if (i > 0) {
                b.append(sep);
            }
            b.append(s, i, Math.min(s.length(), i + 2));
        }
        return b.toString();
    }
}
