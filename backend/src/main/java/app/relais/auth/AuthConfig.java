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

    /** How long an instance keeps a user's session state before reading the shared one (Redis) again. */
    @WithDefault("PT0.5S")
    Duration sessionCacheTtl();

    /** How long Redis keeps a session state: bounds what a lost write could leave behind. */
    @WithDefault("PT60S")
    Duration sessionSharedTtl();

    /** A rotated refresh token presented again within this delay answers the same successor. */
    @WithDefault("PT30S")
    Duration refreshGrace();

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
