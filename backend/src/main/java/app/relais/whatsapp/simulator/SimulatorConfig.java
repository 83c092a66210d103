package app.relais.whatsapp.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in Twilio-compatible simulator (active only without Twilio credentials, outside production). */
@ConfigMapping(prefix = "relais.simulator")
public interface SimulatorConfig {

    /** The simulator's own account SID: API calls must use it in the path and Basic auth. */
    @WithDefault("AC00000000000000000000000000000000")
    String accountSid();

    /** The simulator's auth token: Basic auth password and the key its callbacks are signed with. */
    @WithDefault("simulator-auth-token")
    String authToken();

    /** Delay before the simulated Messages API answers a create (the engine's benchmark uses it). */
    @WithDefault("50")
    int latencyMs();

    /** Random extra delay, 0 to this many ms, added to latencyMs (benchmark: 50 + 0..100 = 50-150 ms). */
    @WithDefault("0")
    int latencyJitterMs();

    /** Delay before each status callback (sent, then delivered). */
    @WithDefault("400")
    int stepDelayMs();

    /** Delay before the read callback, after delivered. */
    @WithDefault("1500")
    int readDelayMs();

    /** Where the simulator delivers callbacks (the app's own address); empty = http://localhost:<port>. */
    java.util.Optional<String> callbackTarget();

    /** The sandbox keyword simulated users send to join. */
    @WithDefault("join relais-demo")
    String joinKeyword();
}
