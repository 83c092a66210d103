package app.relais.common.config;

import app.relais.auth.JwtKeyConfigSourceFactory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to start in production with a missing or weak required setting, naming each one; in
 * development, says loudly what is only fit for development.
 */
@ApplicationScoped
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);
    static final int MIN_SECRET_BYTES = 32;

    void onStart(@Observes StartupEvent event, Config config) {
        Function<String, String> lookup = name -> config.getOptionalValue(name, String.class)
                .filter(v -> !v.isBlank()).orElse(null);
        List<String> problems = check(lookup);
        boolean production = isProduction(lookup);
        if (!problems.isEmpty()) {
            if (production) {
                throw new IllegalStateException("Relais cannot start in production: " + String.join("; ", problems));
            }
            problems.forEach(p -> LOG.warn("DEVELOPMENT ONLY: " + p));
        }
    }

    static boolean isProduction(Function<String, String> lookup) {
        String environment = lookup.apply("ENVIRONMENT");
        return environment != null && "production".equals(environment.toLowerCase(Locale.ROOT));
    }

    /** Every setting that would be refused in production, each naming its variable. */
    public static List<String> check(Function<String, String> lookup) {
        List<String> problems = new ArrayList<>();
        String secret = lookup.apply("SECRET_KEY");
        if (secret == null) {
            problems.add("SECRET_KEY is not set (a development secret is used); set a random value of at least "
                    + MIN_SECRET_BYTES + " bytes, e.g. `openssl rand -base64 48`");
        } else if (secret.equals(JwtKeyConfigSourceFactory.DEVELOPMENT_SECRET)) {
            problems.add("SECRET_KEY is the development secret; set your own random value");
        } else if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add("SECRET_KEY is too short (" + secret.getBytes(StandardCharsets.UTF_8).length
                    + " bytes; at least " + MIN_SECRET_BYTES + ")");
        }
        String algorithm = lookup.apply("ALGORITHM");
        if (algorithm != null && !List.of("HS256", "HS384", "HS512").contains(algorithm.toUpperCase(Locale.ROOT))) {
            problems.add("ALGORITHM must be HS256, HS384 or HS512 (got " + algorithm + ")");
        }
        String origins = lookup.apply("ALLOWED_ORIGINS");
        if (origins != null && origins.contains("*")) {
            problems.add("ALLOWED_ORIGINS must list exact origins (no *), e.g. https://app.example.com");
        }
        if (lookup.apply("DATABASE_URL") == null) {
            problems.add("DATABASE_URL is not set (embedded PostgreSQL is used)");
        }
        if (lookup.apply("REDIS_URL") == null) {
            problems.add("REDIS_URL is not set (embedded Redis is used)");
        }
        boolean twilio = lookup.apply("TWILIO_ACCOUNT_SID") != null || lookup.apply("TWILIO_AUTH_TOKEN") != null;
        if (twilio) {
            if (lookup.apply("TWILIO_ACCOUNT_SID") == null) {
                problems.add("TWILIO_ACCOUNT_SID is missing while TWILIO_AUTH_TOKEN is set");
            }
            if (lookup.apply("TWILIO_AUTH_TOKEN") == null) {
                problems.add("TWILIO_AUTH_TOKEN is missing while TWILIO_ACCOUNT_SID is set");
            }
            String base = lookup.apply("TWILIO_WEBHOOK_BASE_URL");
            if (base == null || !base.startsWith("https://")) {
                problems.add("TWILIO_WEBHOOK_BASE_URL must be the public https:// URL Twilio calls (got "
                        + (base == null ? "nothing" : base) + ")");
            }
        } else if (isProduction(lookup)) {
            problems.add("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are required in production (the simulator is never used there)");
        }
        return problems;
    }
}
