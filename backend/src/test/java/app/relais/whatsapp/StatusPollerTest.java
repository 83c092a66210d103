package app.relais.whatsapp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Callbacks lost: a message Twilio accepted stays "sending" until the poller asks Twilio (here the
 * simulator, through the SDK) and applies the answer through the webhook's write path.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class StatusPollerTest {

    @Inject
    WhatsAppGateway gateway;

    @Inject
    StatusPoller poller;

    @Test
    void shouldAskTwilioForMessagesWhoseCallbacksNeverCame() throws Exception {
        String phone = WhatsAppFixtures.randomPhone();
        UUID contact = WhatsAppFixtures.contact(phone);
        UUID lost = WhatsAppFixtures.testMessage(contact);
        SendOutcome.Accepted accepted = assertInstanceOf(SendOutcome.Accepted.class,
                gateway.send(new OutboundMessage(lost, phone, "Bonjour", null, null)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "read".equals(SimulatorTest.statusOf(lost)));
        // The callbacks are lost: the row is as the engine left it after Twilio's accept, an hour ago.
        WhatsAppFixtures.exec("DELETE FROM message_status_events WHERE twilio_sid = ?", accepted.sid());
        WhatsAppFixtures.exec("UPDATE messages SET status = 'sending', sent_at = NULL, delivered_at = NULL, read_at = NULL,"
                + " handed_at = now() - interval '1 hour', status_polled_at = NULL WHERE id = ?", lost);
        UUID unknown = WhatsAppFixtures.message1(WhatsAppFixtures.campaign(), contact, WhatsAppFixtures.randomSid(), "sending");
        WhatsAppFixtures.exec("UPDATE messages SET handed_at = now() - interval '1 hour' WHERE id = ?", unknown);
        UUID recent = WhatsAppFixtures.message1(WhatsAppFixtures.campaign(), contact, WhatsAppFixtures.randomSid(), "sending");
        WhatsAppFixtures.exec("UPDATE messages SET handed_at = now() - interval '1 minute' WHERE id = ?", recent);

        poller.pollOnce();

        Map<String, Object> row = WhatsAppFixtures.row("SELECT status, read_at, status_polled_at FROM messages WHERE id = ?", lost);
        assertEquals("read", row.get("status"));
        assertNotNull(row.get("read_at"));
        assertEquals("status-poll", WhatsAppFixtures.queryOne("SELECT payload->>'source' FROM message_status_events"
                + " WHERE twilio_sid = ? AND status = 'read'", accepted.sid()));
        Map<String, Object> missing = WhatsAppFixtures.row("SELECT status, status_polled_at FROM messages WHERE id = ?", unknown);
        assertEquals("sending", missing.get("status"), "Twilio does not know it: nothing invented");
        assertNotNull(missing.get("status_polled_at"));
        assertNull(WhatsAppFixtures.queryOne("SELECT status_polled_at FROM messages WHERE id = ?", recent),
                "accepted a minute ago: its callbacks may still come");

        // Asked once per re-poll interval; a late real callback changes nothing.
        Object polledAt = missing.get("status_polled_at");
        poller.pollOnce();
        assertEquals(polledAt, WhatsAppFixtures.queryOne("SELECT status_polled_at FROM messages WHERE id = ?", unknown));
        assertEquals(1L, (long) WhatsAppFixtures.<Long>queryOne(
                "SELECT count(*) FROM message_status_events WHERE twilio_sid = ? AND status = 'read'", accepted.sid()));
    }
}
