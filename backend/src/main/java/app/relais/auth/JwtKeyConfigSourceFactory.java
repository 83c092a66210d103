package app.relais.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the seed's SECRET_KEY + ALGORITHM (HS256) into the keys smallrye-jwt wants: an "oct" JWK for
 * both signing and verifying. (A raw string given as the verify key silently never verifies.)
 * Without SECRET_KEY a development-only secret is used; production refuses to start (StartupChecks).
 */
public class JwtKeyConfigSourceFactory implements ConfigSourceFactory {

    /** Used only outside production when SECRET_KEY is not set; StartupChecks refuses it in production. */
    public static final String DEVELOPMENT_SECRET = "relais-development-only-secret-change-me-please-0123456789";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String secret = value(context, "SECRET_KEY");
        if (secret == null) {
            secret = DEVELOPMENT_SECRET;
        }
        String algorithm = value(context, "ALGORITHM");
        algorithm = algorithm == null ? "HS256" : algorithm.toUpperCase(Locale.ROOT);
        String k = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String jwk = "{\"kty\":\"oct\",\"k\":\"" + k + "\",\"alg\":\"" + algorithm + "\"}";
        return List.of(new PropertiesConfigSource(Map.of(
                "smallrye.jwt.verify.secretkey", jwk,
                "smallrye.jwt.sign.key", jwk,
                "smallrye.jwt.verify.algorithm", algorithm,
                "smallrye.jwt.new-token.signature-algorithm", algorithm), "relais-jwt-keys", 275));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue();
    }
}
