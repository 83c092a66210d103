package app.relais.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sentence a person reads exists in French and in English: the two bundles have the same keys,
 * the same placeholders, and every Problem Details code the code raises has its title and detail.
 */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/messages/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void shouldHaveTheSameKeysAndPlaceholdersInBothLanguages() throws IOException {
        Properties fr = load("messages_fr.properties");
        Properties en = load("messages_en.properties");
        assertEquals(new TreeSet<>(fr.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()),
                "keys differ between French and English");
        Pattern placeholder = Pattern.compile("\\{\\d+}");
        for (String key : fr.stringPropertyNames()) {
            assertEquals(placeholders(placeholder, fr.getProperty(key)), placeholders(placeholder, en.getProperty(key)),
                    "placeholders differ for " + key);
        }
    }

    @Test
    void shouldExplainEveryProblemCodeTheCodeRaises() throws IOException {
        Properties fr = load("messages_fr.properties");
        // ApiException.conflict("code"…), new ApiException(409, "code"…), ApiException.badRequest("code"…)
        Pattern raised = Pattern.compile("(?:ApiException\\.(?:conflict|badRequest)\\(|new ApiException\\(\\d{3}, )\"([a-z0-9-]+)\"");
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = raised.matcher(Files.readString(f));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        assertTrue(codes.size() > 10, "the scan found the raised codes: " + codes);
        for (String code : codes) {
            assertTrue(fr.containsKey("problem." + code + ".title"), "no title for problem code " + code);
            assertTrue(fr.containsKey("problem." + code + ".detail"), "no detail for problem code " + code);
        }
    }

    private static List<String> placeholders(Pattern p, String text) {
        return p.matcher(text).results().map(r -> r.group()).sorted().distinct().toList();
    }
}
