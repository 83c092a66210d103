package app.relais.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine's window follows the webhook's answer time: shrinks while it is slow, grows back after. */
class CallbackPressureTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CallbackPressure pressure = new CallbackPressure(now::get);

    private void advanceMs(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    private void callbacks(int n, long ms) {
        for (int i = 0; i < n; i++) {
            pressure.observe(ms * 1_000_000L);
        }
    }

    @Test
    void withoutCallbacksTheWholeWindowIsAllowed() {
        assertEquals(1000, pressure.limit(1000));
        callbacks(50, 500);
        advanceMs(CallbackPressure.QUIET_MS + 1);
        assertEquals(1000, pressure.limit(1000), "callbacks stopped: no pressure");
    }

    @Test
    void aSlowWebhookShrinksTheWindowStepByStepDownToTheFloor() {
        callbacks(100, 200);
        int previous = 1000;
        for (int step = 0; step < 5; step++) {
            int limit = pressure.limit(1000);
            assertTrue(limit < previous, "step " + step + ": " + limit + " < " + previous);
            previous = limit;
            advanceMs(CallbackPressure.STEP_MS);
            callbacks(1, 200);
        }
        for (int step = 0; step < 30; step++) {
            pressure.limit(1000);
            advanceMs(CallbackPressure.STEP_MS);
            callbacks(1, 200);
        }
        assertEquals(CallbackPressure.MIN_IN_FLIGHT, pressure.limit(1000));
    }

    @Test
    void aFastWebhookLetsTheWindowGrowBack() {
        callbacks(100, 200);
        for (int step = 0; step < 10; step++) {
            pressure.limit(1000);
            advanceMs(CallbackPressure.STEP_MS);
        }
        int low = pressure.limit(1000);
        assertTrue(low < 100, "shrunk: " + low);
        callbacks(500, 2); // the average comes back under the low mark
        int previous = low;
        for (int step = 0; step < 25; step++) {
            advanceMs(CallbackPressure.STEP_MS);
            callbacks(1, 2);
            int limit = pressure.limit(1000);
            assertTrue(limit >= previous, "never shrinks while fast");
            previous = limit;
        }
        assertEquals(1000, previous);
    }

    @Test
    void betweenTheMarksTheWindowHolds() {
        callbacks(100, 200);
        pressure.limit(1000);
        advanceMs(CallbackPressure.STEP_MS);
        int shrunk = pressure.limit(1000);
        callbacks(300, 18); // the average settles between LOW_MS and HIGH_MS
        double average = pressure.averageMs();
        assertTrue(average > CallbackPressure.LOW_MS && average < CallbackPressure.HIGH_MS, "average " + average);
        advanceMs(CallbackPressure.STEP_MS);
        assertEquals(shrunk, pressure.limit(1000));
    }
}
