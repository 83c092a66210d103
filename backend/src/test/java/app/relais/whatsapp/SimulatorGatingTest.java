package app.relais.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.common.error.ApiException;
import app.relais.whatsapp.simulator.SimulatorApiResource;
import app.relais.whatsapp.simulator.SimulatorConfig;
import app.relais.whatsapp.simulator.SimulatorResource;
import jakarta.ws.rs.NotFoundException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The simulator is never reachable with Twilio credentials or in production: its Twilio-compatible API
 * and its admin endpoints answer 404, and production without credentials refuses to start.
 */
class SimulatorGatingTest {

    private static final String SID = "AC" + "0".repeat(32);

    @Test
    void withTwilioCredentialsTheSimulatorShouldBeInactiveAndItsEndpoints404() {
        WhatsAppSetup setup = setup(Map.of("accountSid", Optional.of(SID), "authToken", Optional.of("secret")), "development");
        assertFalse(setup.simulatorActive());
        assertEquals(ProviderMode.TWILIO_SANDBOX, setup.mode());
        assertEquals(RelaisTwilioHttpClient.TWILIO_API, setup.apiBaseUrl(), "the SDK talks to Twilio, not to /simulator");
        assertEquals("secret", setup.authToken(), "webhooks are validated with the Twilio token, not the simulator's");
        assertSimulatorClosed(setup);
    }

    @Test
    void inProductionTheSimulatorShouldBeInactiveAndAStartWithoutCredentialsRefused() {
        WhatsAppSetup withoutCredentials = setup(Map.of(), "production");
        assertFalse(withoutCredentials.simulatorActive());
        assertSimulatorClosed(withoutCredentials);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> withoutCredentials.onStart(null));
        assertTrue(refused.getMessage().contains("TWILIO_ACCOUNT_SID"), refused.getMessage());
    }

    @Test
    void withoutCredentialsInDevelopmentTheSimulatorShouldBeActive() {
        WhatsAppSetup setup = setup(Map.of(), "development");
        assertTrue(setup.simulatorActive());
        assertEquals(ProviderMode.SIMULATOR, setup.mode());
    }

    @Test
    void aMessagingServiceShouldMeanProductionSender() {
        WhatsAppSetup setup = setup(Map.of("accountSid", Optional.of(SID), "authToken", Optional.of("secret"),
                "messagingServiceSid", Optional.of("MG" + "1".repeat(32))), "production");
        assertEquals(ProviderMode.TWILIO_PRODUCTION, setup.mode());
    }

    private static void assertSimulatorClosed(WhatsAppSetup setup) {
        SimulatorApiResource api = new SimulatorApiResource(setup, simulatorConfig(), null, null, null);
        assertThrows(NotFoundException.class, () -> api.create(SID, "Basic x", new jakarta.ws.rs.core.MultivaluedHashMap<>()));
        SimulatorResource admin = new SimulatorResource(setup, null, null);
        ApiException e = assertThrows(ApiException.class, () -> admin.phones(null, null));
        assertEquals(404, e.status());
    }

    private static WhatsAppSetup setup(Map<String, Object> values, String environment) {
        Map<String, Object> all = new HashMap<>(Map.of("accountSid", Optional.empty(), "authToken", Optional.empty(),
                "sandboxNumber", "+14155238886", "messagingServiceSid", Optional.empty(), "webhookBaseUrl",
                Optional.of("https://relais.example.test"), "apiBaseUrl", Optional.empty(), "connectTimeout",
                Duration.ofSeconds(5), "readTimeout", Duration.ofSeconds(15), "signatureCheck", true));
        all.putAll(values);
        WhatsAppConfig config = (WhatsAppConfig) Proxy.newProxyInstance(WhatsAppConfig.class.getClassLoader(),
                new Class<?>[] { WhatsAppConfig.class }, (proxy, method, args) -> {
                    if (!all.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return all.get(method.getName());
                });
        return new WhatsAppSetup(config, simulatorConfig(), environment);
    }

    private static SimulatorConfig simulatorConfig() {
        Map<String, Object> values = Map.of("accountSid", "AC" + "f".repeat(32), "authToken", "simulator-token");
        return (SimulatorConfig) Proxy.newProxyInstance(SimulatorConfig.class.getClassLoader(),
                new Class<?>[] { SimulatorConfig.class }, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }
}
