package app.relais.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "relais.auth")
public interface AuthConfig {

    /** ACCESS_TOKEN_EXPIRE_MINUTES. */
    @WithDefault("30")
    int accessTokenMinutes();

    @WithDefault("P14D")
    Duration refreshTokenLifetime();

    /** Consecutive failures before an account is locked. */
    @WithDefault("10")
    int maxFailedLogins();

    @WithDefault("PT15M")
    Duration lockDuration();

    /** Login attempts per IP per window, whatever the account. */
    @WithDefault("30")
    int loginAttemptsPerIp();

    @WithDefault("PT5M")
    Duration loginIpWindow();
}
