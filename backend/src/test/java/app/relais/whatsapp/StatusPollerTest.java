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

    @Inject
    WebhookStore store;

    @Inject
    jakarta.enterprise.event.Event<app.relais.messages.MessageStatusChanged> statusChanged;

    @Inject
    javax.sql.DataSource dataSource;

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

    /**
     * An outage lost the callbacks of many messages: they are read from Twilio's list filtered by date
     * sent, page by page (here 7 a page, so the simulator's page tokens are followed), not fetched one by
     * one, and every one ends with Twilio's status.
     */
    @Test
    void shouldRepairManyLostStatusesFromTwilioListPageByPage() throws Exception {
        java.util.List<UUID> lost = new java.util.ArrayList<>();
        java.util.List<String> sids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String phone = WhatsAppFixtures.randomPhone();
            UUID row = WhatsAppFixtures.testMessage(WhatsAppFixtures.contact(phone));
            SendOutcome.Accepted accepted = assertInstanceOf(SendOutcome.Accepted.class,
                    gateway.send(new OutboundMessage(row, phone, "Bonjour " + i, null, null)));
            lost.add(row);
            sids.add(accepted.sid());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> WhatsAppFixtures.count("SELECT count(*) FROM messages"
                + " WHERE id = ANY (?) AND status = 'read'", (Object) lost.toArray(UUID[]::new)) == 30);
        WhatsAppFixtures.exec("DELETE FROM message_status_events WHERE twilio_sid = ANY (?)", (Object) sids.toArray(String[]::new));
        WhatsAppFixtures.exec("UPDATE messages SET status = 'sending', sent_at = NULL, delivered_at = NULL, read_at = NULL,"
                + " handed_at = now() - interval '3 minutes', status_polled_at = NULL WHERE id = ANY (?)",
                (Object) lost.toArray(UUID[]::new));
        StatusPoller pages = new StatusPoller(dataSource, gateway, store, statusChanged);
        pages.after = Duration.ofMinutes(1);
        pages.againAfter = Duration.ofMinutes(5);
        pages.batch = 1000;
        pages.fetchMax = 5;
        pages.pageSize = 7;
        pages.afterStartPending = false; // other tests' rows are not this test's
        double listedBefore = listed();

        assertEquals(30, pages.pollOnce());

        assertEquals(30, WhatsAppFixtures.count("SELECT count(*) FROM messages WHERE id = ANY (?) AND status = 'read'"
                + " AND read_at IS NOT NULL", (Object) lost.toArray(UUID[]::new)));
        assertEquals(30.0, listed() - listedBefore, "found in the list, none fetched one by one");
    }

    private static double listed() {
        io.micrometer.core.instrument.Counter c = io.micrometer.core.instrument.Metrics.globalRegistry
                .find("relais_status_polls_total").tag("result", "listed").counter();
        return c == null ? 0 : c.count();
    }
}
