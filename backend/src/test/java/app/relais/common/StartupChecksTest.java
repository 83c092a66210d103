package app.relais.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.auth.JwtKeyConfigSourceFactory;
import app.relais.common.config.StartupChecks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

    private static Map<String, String> goodProduction() {
        Map<String, String> env = new HashMap<>();
        env.put("ENVIRONMENT", "production");
        env.put("SECRET_KEY", "x".repeat(48));
        env.put("DATABASE_URL", "postgresql://u:p@db:5432/relais");
        env.put("REDIS_URL", "redis://redis:6379");
        env.put("ALLOWED_ORIGINS", "https://app.example.com");
        env.put("TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32));
        env.put("TWILIO_AUTH_TOKEN", "token");
        env.put("TWILIO_WEBHOOK_BASE_URL", "https://api.example.com");
        return env;
    }

    @Test
    void shouldAcceptACompleteProductionConfiguration() {
        assertEquals(List.of(), StartupChecks.check(goodProduction()::get));
    }

    @Test
    void shouldNameAMissingSecretKey() {
        Map<String, String> env = goodProduction();
        env.remove("SECRET_KEY");
        assertNamed(env, "SECRET_KEY");
    }

    @Test
    void shouldRefuseAShortOrDevelopmentSecretKey() {
        Map<String, String> env = goodProduction();
        env.put("SECRET_KEY", "too-short");
        assertNamed(env, "SECRET_KEY is too short");
        env.put("SECRET_KEY", JwtKeyConfigSourceFactory.DEVELOPMENT_SECRET);
        assertNamed(env, "SECRET_KEY is the development secret");
    }

    @Test
    void shouldRefuseAWildcardOrigin() {
        Map<String, String> env = goodProduction();
        env.put("ALLOWED_ORIGINS", "*");
        assertNamed(env, "ALLOWED_ORIGINS");
    }

    @Test
    void shouldRequireAnHttpsWebhookBaseWithTwilioCredentials() {
        Map<String, String> env = goodProduction();
        env.put("TWILIO_WEBHOOK_BASE_URL", "http://api.example.com");
        assertNamed(env, "TWILIO_WEBHOOK_BASE_URL");
    }

    @Test
    void shouldRequireTwilioCredentialsInProduction() {
        Map<String, String> env = goodProduction();
        env.remove("TWILIO_ACCOUNT_SID");
        env.remove("TWILIO_AUTH_TOKEN");
        assertNamed(env, "TWILIO_ACCOUNT_SID");
    }

    private static void assertNamed(Map<String, String> env, String expected) {
        List<String> problems = StartupChecks.check(env::get);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem naming " + expected + ": " + problems);
    }
}
