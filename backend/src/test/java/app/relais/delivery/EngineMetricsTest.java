package app.relais.delivery;

import static app.relais.delivery.EngineFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.messages.MessageStatusChanged;
import app.relais.testsupport.RelaisTestResources;
import app.relais.whatsapp.OutboundMessage;
import app.relais.whatsapp.SendOutcome;
import app.relais.whatsapp.WhatsAppGateway;
import app.relais.whatsapp.WhatsAppSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's Prometheus counters, read where Prometheus reads them (GET /q/metrics), move when
 * the thing they count happens: a send that waits for its campaign's pacing slot, and each action of
 * the reconciler on a row left `sending` without a SID.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class EngineMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DeliveryConfig config;
    @Inject
    RedisEngine redisEngine;
    @Inject
    DeliveryStore store;
    @Inject
    DailyQuota quota;
    @Inject
    WhatsAppSetup setup;
    @Inject
    WhatsAppGateway gateway;
    @Inject
    Event<MessageStatusChanged> events;

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    /** The value of one series in the Prometheus scrape (0 when absent). */
    static double metric(String name, String tag, String value) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(tag + "=\"" + value + "\"")
                + "[^}]*\\} ([0-9.eE+-]+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A sending campaign with one queued row per contact, off the stream (only the test's engine sends them). */
    static UUID sendingCampaignWithRows(Map<String, Object> settings, UUID... contacts) {
        UUID cat = category();
        addToCategory(cat, contacts);
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.put("categoryIds", List.of(cat));
        body.put("message1Body", "Bonjour {{first_name}}");
        UUID campaign = createCampaign(body);
        for (UUID c : contacts) {
            exec("INSERT INTO messages (campaign_id, contact_id, kind, direction, status, enqueued_at)"
                    + " VALUES (?, ?, 'message_1', 'outbound', 'queued', now())", campaign, c);
        }
        exec("UPDATE campaigns SET status = 'sending', launched_at = now() WHERE id = ?", campaign);
        return campaign;
    }

    static UUID rowOf(UUID campaign, UUID contact) {
        return queryOne("SELECT id FROM messages WHERE campaign_id = ? AND contact_id = ? AND kind = 'message_1'", campaign, contact);
    }

    @Test
    void shouldCountASendThatWaitedForItsCampaignPacingSlot() throws Exception {
        UUID a = contact("Awa");
        UUID b = contact("Bio");
        // 3 s between two Message 1 of this campaign: the second send waits for its slot.
        UUID campaign = sendingCampaignWithRows(Map.of("minDelayMs", 3000), a, b);
        DeliveryEngine engine = new DeliveryEngine(config, redisEngine, store, quota, gateway, setup, events);
        double waits = metric("relais_rate_limit_waits_total", "scope", "campaign");
        double seconds = metric("relais_rate_limit_wait_seconds_total", "scope", "campaign");

        long start = System.nanoTime();
        assertTrue(engine.handle(rowOf(campaign, a)));
        assertTrue(engine.handle(rowOf(campaign, b)));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs >= 2500, "the second send waited for its slot (" + elapsedMs + " ms)");
        // Handed to the provider: SID and hand-over time recorded. The status stays "sending" until the simulator's
        // first callback arrives (a few ms later, or more on a busy machine: asserting "sent" here failed once on CI).
        Map<String, Object> handed = rows("SELECT status, twilio_sid, handed_at FROM messages WHERE id = ?", rowOf(campaign, b)).get(0);
        assertTrue(java.util.List.of("sending", "sent", "delivered", "read").contains(handed.get("status")), handed.toString());
        assertTrue(handed.get("twilio_sid") != null && handed.get("handed_at") != null, handed.toString());
        assertTrue(metric("relais_rate_limit_waits_total", "scope", "campaign") >= waits + 1, "waits counted");
        assertTrue(metric("relais_rate_limit_wait_seconds_total", "scope", "campaign") >= seconds + 1.0,
                "at least one second of waiting counted");
    }

    @Test
    void shouldCountTheReconcilerRecordingALostSid() {
        UUID contact = contact("Chantal");
        UUID campaign = sendingCampaignWithRows(Map.of(), contact);
        UUID row = rowOf(campaign, contact);
        double recorded = metric("relais_reconciler_actions_total", "action", "recorded");
        // The provider accepted the create but the worker died before committing the SID.
        String sid = ((SendOutcome.Accepted) gateway.send(new OutboundMessage(UUID.randomUUID(), phoneOf(contact),
                "Bonjour Chantal", null, null))).sid();
        exec("UPDATE messages SET status = 'sending', attempts = 1, claimed_by = 'dead', claimed_at = now() - interval '30 seconds'"
                + " WHERE id = ?", row);

        await().atMost(WAIT).until(() -> sid.equals(queryOne("SELECT twilio_sid FROM messages WHERE id = ?", row)));
        await().atMost(WAIT).until(() -> metric("relais_reconciler_actions_total", "action", "recorded") >= recorded + 1);
    }

    @Test
    void shouldCountTheReconcilerRequeuingOrFailingARowTheProviderNeverSaw() {
        UUID retried = contact("Didier");
        UUID exhausted = contact("Edwige");
        UUID campaign = sendingCampaignWithRows(Map.of(), retried, exhausted);
        double requeued = metric("relais_reconciler_actions_total", "action", "requeued");
        double failed = metric("relais_reconciler_actions_total", "action", "failed");
        // Neither create reached the provider. One row has attempts left, the other none.
        exec("UPDATE messages SET status = 'sending', attempts = 1, claimed_by = 'dead', claimed_at = now() - interval '30 seconds'"
                + " WHERE id = ?", rowOf(campaign, retried));
        exec("UPDATE messages SET status = 'sending', attempts = ?, claimed_by = 'dead', claimed_at = now() - interval '30 seconds'"
                + " WHERE id = ?", config.retryBackoff().size() + 1, rowOf(campaign, exhausted));

        await().atMost(WAIT).until(() -> "failed".equals(queryOne("SELECT status FROM messages WHERE id = ?", rowOf(campaign, exhausted))));
        await().atMost(WAIT).until(() -> metric("relais_reconciler_actions_total", "action", "failed") >= failed + 1);
        await().atMost(WAIT).until(() -> metric("relais_reconciler_actions_total", "action", "requeued") >= requeued + 1);
    }
}
