package app.relais.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The engine's defaults need no tuning: threads and creates in flight follow the configured rate. */
class EngineWindowTest {

    @Test
    void unpacedUsesTheWholeWindowAndTheConfiguredThreads() {
        assertEquals(1000, DeliveryEngine.window(1000, 0));
        assertEquals(16, DeliveryEngine.workers(16, 0));
    }

    @Test
    void pacedKeepsTwoSecondsOfTheRateInFlight() {
        assertEquals(160, DeliveryEngine.window(1000, 80)); // Twilio's default sender rate
        assertEquals(1000, DeliveryEngine.window(1000, 500));
        assertEquals(1000, DeliveryEngine.window(1000, 5000)); // bounded by memory, not by the rate
        assertEquals(100, DeliveryEngine.window(1000, 50));
    }

    @Test
    void theSandboxStillHasMoreThanOneCreateInFlight() {
        assertEquals(2, DeliveryEngine.window(1000, 1.0 / 3.0));
        assertEquals(2, DeliveryEngine.workers(16, 1.0 / 3.0));
    }

    @Test
    void pacedThreadsAreBoundedByTheRate() {
        assertEquals(16, DeliveryEngine.workers(16, 80));
        assertEquals(3, DeliveryEngine.workers(16, 1));
        assertEquals(1, DeliveryEngine.workers(0, 0));
    }

    @Test
    void pacedReadsWaitForAnEighthOfTheWindowUnpacedReadWhatIsFree() {
        assertEquals(20, DeliveryEngine.minBatch(DeliveryEngine.window(1000, 80), 80)); // a read every 0.25 s at 80 msg/s
        assertEquals(100, DeliveryEngine.minBatch(DeliveryEngine.window(1000, 2000), 2000)); // at most one read's batch
        assertEquals(1, DeliveryEngine.minBatch(DeliveryEngine.window(1000, 1.0 / 3.0), 1.0 / 3.0)); // the sandbox: one at a time
        assertEquals(1, DeliveryEngine.minBatch(DeliveryEngine.window(1000, 0), 0));
    }
}
