package app.relais.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Twilio's published vectors (twilio-java's RequestValidatorTest), with the SDK's validator and our signer. */
class TwilioSignatureTest {

    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    static Map<String, String> vectorParams() {
        Map<String, String> params = new HashMap<>();
        params.put("Digits", "1234");
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("To", "+18005551212");
        params.put("Caller", "+14158675309");
        params.put("From", "+14158675309");
        return params;
    }

    @Test
    void shouldMatchPublishedVectorWithParams() {
        assertTrue(new RequestValidator(TOKEN).validate(URL, vectorParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.compute(TOKEN, URL, vectorParams()));
    }

    @Test
    void shouldMatchPublishedVectorWithoutParams() {
        assertTrue(new RequestValidator(TOKEN).validate(URL, Map.of(), "zYQTYrRWXE7LtzbG4PfP7/bkkGo="));
        assertEquals("zYQTYrRWXE7LtzbG4PfP7/bkkGo=", TwilioSignature.compute(TOKEN, URL, Map.of()));
    }

    @Test
    void shouldRejectTamperedParamUrlOrToken() {
        Map<String, String> tampered = vectorParams();
        tampered.put("Digits", "1235");
        RequestValidator validator = new RequestValidator(TOKEN);
        assertFalse(validator.validate(URL, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        assertFalse(validator.validate("https://mycompany.com/myapp.php?foo=1&bar=3", vectorParams(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        assertFalse(new RequestValidator("54321").validate(URL, vectorParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    /** Our signer (used by the simulator and the benchmark) agrees with the SDK's validator on random payloads. */
    @Test
    void shouldAgreeWithSdkValidatorOnGeneratedPayloads() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        RequestValidator validator = new RequestValidator("tok" + seed);
        for (int i = 0; i < 300; i++) {
            Map<String, String> params = new HashMap<>();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                params.put("P" + random.nextInt(50), randomText(random));
            }
            String url = "https://relais.example.org/api/webhooks/twilio" + (random.nextBoolean() ? "?m=" + i : "");
            String signature = TwilioSignature.compute("tok" + seed, url, params);
            assertTrue(validator.validate(url, params, signature), "seed " + seed + " case " + i + ": " + params);
        }
    }

    private static String randomText(Random random) {
        String alphabet = "abcXYZ019 +:/é&=?ÊÀ✓";
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
