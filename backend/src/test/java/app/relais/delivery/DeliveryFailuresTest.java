package app.relais.delivery;

import static app.relais.delivery.EngineFixtures.*;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.messages.MessageStatusChanged;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import app.relais.whatsapp.OutboundMessage;
import app.relais.whatsapp.SendOutcome;
import app.relais.whatsapp.StatusCallback;
import app.relais.whatsapp.WebhookStore;
import app.relais.whatsapp.TwilioGateway;
import app.relais.whatsapp.WhatsAppGateway;
import app.relais.whatsapp.WhatsAppSetup;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures: the engine's own processing against a WireMock "Twilio" (transient, permanent, unknown),
 * reconciliation before any resend, a Redis flush mid-campaign, the quota, auto-pause, retry and relaunch.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class DeliveryFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String ACCOUNT = "AC11111111111111111111111111111111";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static WireMockServer wiremock;

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
    WhatsAppGateway appGateway;
    @Inject
    Event<MessageStatusChanged> events;
    @Inject
    EngineClock clock;
    @Inject
    Redis redis;
    @Inject
    WebhookStore webhookStore;

    @BeforeAll
    static void start() {
        ensureTestUsers();
        wiremock = new WireMockServer(wireMockConfig().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    @AfterEach
    void reset() {
        clock.reset();
        wiremock.resetAll();
    }

    /** An engine like the app's, but whose gateway talks to WireMock; its rows are never on the stream. */
    DeliveryEngine wiremockEngine() {
        TwilioGateway gateway = new TwilioGateway(new TwilioGateway.Settings(ACCOUNT, "secret-token",
                "http://localhost:" + wiremock.port(), "+14155238886", null, "https://relais.example.test",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 8));
        return new DeliveryEngine(config, redisEngine, store, quota, gateway, setup, events);
    }

    /** A sending campaign with one queued row per contact, not enqueued (only the test's engine sees them). */
    UUID sendingCampaignWithRows(UUID... contacts) {
        UUID cat = category();
        addToCategory(cat, contacts);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour {{first_name}}"));
        // Rows first: a sending campaign without rows is one the engine's tick completes at once.
        for (UUID c : contacts) {
            exec("INSERT INTO messages (campaign_id, contact_id, kind, direction, status, enqueued_at)"
                    + " VALUES (?, ?, 'message_1', 'outbound', 'queued', now())", campaign, c);
        }
        exec("UPDATE campaigns SET status = 'sending', launched_at = now() WHERE id = ?", campaign);
        return campaign;
    }

    UUID rowOf(UUID campaign, UUID contact) {
        return queryOne("SELECT id FROM messages WHERE campaign_id = ? AND contact_id = ? AND kind = 'message_1'"
                + " ORDER BY run_number DESC LIMIT 1", campaign, contact);
    }

    static void stubCreate(int status, String body) {
        wiremock.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    static String twilioError(int code, int status) {
        return "{\"code\": " + code + ", \"message\": \"error " + code + "\", \"more_info\": "
                + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}";
    }

    @Test
    void shouldRetryATransientFailureLaterThenFailForGood() throws Exception {
        UUID contact = contact("Kofi");
        UUID campaign = sendingCampaignWithRows(contact);
        UUID row = rowOf(campaign, contact);
        stubCreate(429, twilioError(20429, 429));
        long quotaBefore = redisEngine.quotaUsed(quota.today().toString());

        assertTrue(wiremockEngine().handle(row));

        Map<String, Object> r = rows("SELECT status, attempts, error_code, next_attempt_at, failure_kind FROM messages"
                + " WHERE id = ?", row).get(0);
        assertEquals("queued", r.get("status"));
        assertEquals(1, r.get("attempts"));
        assertEquals(20429, r.get("error_code"));
        assertNotNull(r.get("next_attempt_at"));
        assertEquals(quotaBefore, redisEngine.quotaUsed(quota.today().toString()), "a refused create gives its quota back");

        // The last attempt: its transient failure is final, explained, counted.
        exec("UPDATE messages SET attempts = 3, next_attempt_at = NULL, enqueued_at = now() WHERE id = ?", row);
        assertTrue(wiremockEngine().handle(row));
        r = rows("SELECT status, attempts, failure_kind, failed_at FROM messages WHERE id = ?", row).get(0);
        assertEquals("failed", r.get("status"));
        assertEquals(4, r.get("attempts"));
        assertEquals("transient", r.get("failure_kind"));
        assertEquals(1L, count("SELECT failed_count FROM campaign_counters(ARRAY[?::uuid])", campaign));
    }

    @Test
    void shouldFailForGoodOnAPermanentError() throws Exception {
        UUID contact = contact("Lamine");
        UUID campaign = sendingCampaignWithRows(contact);
        UUID row = rowOf(campaign, contact);
        stubCreate(400, twilioError(63024, 400));

        assertTrue(wiremockEngine().handle(row));

        Map<String, Object> r = rows("SELECT status, error_code, failure_kind, twilio_sid FROM messages WHERE id = ?", row).get(0);
        assertEquals("failed", r.get("status"));
        assertEquals(63024, r.get("error_code"));
        assertEquals("permanent", r.get("failure_kind"));
        assertNull(r.get("twilio_sid"));
        assertEquals("not_on_whatsapp", queryOne("SELECT whatsapp_status FROM contacts WHERE id = ?", contact));
        assertEquals(1, wiremock.getAllServeEvents().size(), "never retried");
    }

    @Test
    void shouldReconcileAnUnknownOutcomeBeforeSendingAgain() throws Exception {
        UUID contact = contact("Moussa");
        UUID campaign = sendingCampaignWithRows(contact);
        UUID row = rowOf(campaign, contact);
        stubCreate(500, "{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}");

        assertTrue(wiremockEngine().handle(row));
        assertEquals("sending", queryOne("SELECT status FROM messages WHERE id = ?", row));
        assertNull(queryOne("SELECT twilio_sid FROM messages WHERE id = ?", row));
        assertEquals("Bonjour Moussa", queryOne("SELECT body FROM messages WHERE id = ?", row),
                "what may have been sent is recorded at once");

        // The provider (here the simulator the app talks to) has no such message: only then is it sent again.
        await().atMost(WAIT).until(() -> queryOne("SELECT twilio_sid FROM messages WHERE id = ?", row) != null);
        assertEquals(1, createsAtProvider(phoneOf(contact)));
        assertEquals(1, wiremock.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("POST"))
                .count(), () -> wiremock.getAllServeEvents().stream().map(e -> e.getRequest().getMethod() + " "
                        + e.getRequest().getUrl() + " " + e.getRequest().getBodyAsString()).toList().toString());
    }

    @Test
    void shouldRecordTheSidOfACreateWhoseAnswerWasLostInsteadOfResending() {
        UUID contact = contact("Nadia");
        UUID campaign = sendingCampaignWithRows(contact);
        UUID row = rowOf(campaign, contact);
        // The worker died between the provider's accept and the SID's commit (its callbacks never matched).
        SendOutcome outcome = appGateway.send(new OutboundMessage(UUID.randomUUID(), phoneOf(contact), "Bonjour Nadia", null, null));
        String sid = ((SendOutcome.Accepted) outcome).sid();
        exec("UPDATE messages SET status = 'sending', attempts = 1, claimed_by = 'dead', claimed_at = now() - interval '30 seconds'"
                + " WHERE id = ?", row);

        await().atMost(WAIT).until(() -> sid.equals(queryOne("SELECT twilio_sid FROM messages WHERE id = ?", row)));
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertEquals(1, createsAtProvider(phoneOf(contact)), "never sent twice");
        // Adopted with what it carried and the status the provider reports, not the SID alone.
        Map<String, Object> r = rows("SELECT status, body, to_address, read_at FROM messages WHERE id = ?", row).get(0);
        assertEquals("read", r.get("status"));
        assertNotNull(r.get("read_at"));
        assertEquals("Bonjour Nadia", r.get("body"));
        assertEquals("whatsapp:" + phoneOf(contact), r.get("to_address"));
        assertEquals(row, queryOne("SELECT message_id FROM message_status_events WHERE twilio_sid = ? AND status = 'read'", sid),
                "the callback that came before the SID was known belongs to the row now");
    }

    @Test
    void shouldKeepTheCodeOfAFailureReportedBeforeTheSidCommit() throws Exception {
        UUID contact = contact("Ousmane");
        UUID campaign = sendingCampaignWithRows(contact);
        UUID row = rowOf(campaign, contact);
        Claim claim = store.claim(row, "test").orElseThrow();
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        // Twilio's failed callback (63007) races the create's answer and lands first, tied by ?m=<row id>.
        webhookStore.applyStatuses(List.of(new StatusCallback(row, sid, "failed", 63007, "not in the sandbox", "{}")));
        store.recordAccepted(claim, sid, "Bonjour Ousmane", null, null, "whatsapp:+14155238886", quota.today(), quota.sender(),
                1, quota.limit());

        Map<String, Object> r = rows("SELECT status, error_code, body FROM messages WHERE id = ?", row).get(0);
        assertEquals("failed", r.get("status"));
        assertEquals(63007, r.get("error_code"), "every failed row carries its code");
        assertEquals("Bonjour Ousmane", r.get("body"));
    }

    @Test
    void shouldNotCompleteACampaignWhileAHandedMessageIsStillSending() {
        UUID contact = contact("Awa");
        UUID campaign = sendingCampaignWithRows(contact);
        UUID row = rowOf(campaign, contact);
        // Handed to Twilio, then every callback was lost: the campaign cannot know the message's fate yet.
        exec("UPDATE messages SET status = 'sending', twilio_sid = ?, handed_at = now(), body = 'Bonjour Awa' WHERE id = ?",
                "SM" + UUID.randomUUID().toString().replace("-", ""), row);
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        assertEquals("sending", status(campaign), "not completed while a row is still `sending`");

        exec("UPDATE messages SET status = 'read', read_at = now() WHERE id = ?", row);
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
    }

    @Test
    void shouldPutEveryRecipientBackAfterARedisFlushWithoutDuplicates() {
        UUID cat = category();
        List<UUID> contacts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            contacts.add(contact("F" + i));
        }
        addToCategory(cat, contacts.toArray(UUID[]::new));
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour", "minDelayMs", 100));
        launch(campaign).then().statusCode(200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND handed_at IS NOT NULL",
                campaign) >= 4);

        redis.send(Request.cmd(Command.FLUSHALL)).await().atMost(Duration.ofSeconds(5));

        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        for (UUID c : contacts) {
            assertEquals(1, createsAtProvider(phoneOf(c)), "0 duplicates");
        }
        assertEquals(0, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND handed_at IS NULL", campaign));
    }

    @Test
    void shouldPauseAtTheQuotaAndResumeWhenTheDayTurns() {
        String today = quota.today().toString();
        try {
            redisEngine.quotaFloor(today, quota.limit() - 1L);
            UUID cat = category();
            List<UUID> contacts = List.of(contact("Q1"), contact("Q2"), contact("Q3"));
            addToCategory(cat, contacts.toArray(UUID[]::new));
            UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
            launch(campaign).then().statusCode(200);

            await().atMost(WAIT).until(() -> "paused".equals(status(campaign)));
            assertEquals("daily_quota", queryOne("SELECT pause_reason FROM campaigns WHERE id = ?", campaign));
            assertEquals(1, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND handed_at IS NOT NULL", campaign));
            given().auth().oauth2(TestTokens.admin()).get("/api/delivery/quota").then().statusCode(200)
                    .body("level", equalTo("BLOCKED"));

            clock.shift(Duration.ofDays(1));
            await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
            for (UUID c : contacts) {
                assertEquals(1, createsAtProvider(phoneOf(c)));
            }
        } finally {
            clock.reset();
            // Redis's counter and its durable copy feed each other (the engine's tick restores Redis from the
            // copy after a flush, and persists Redis into it): clear both until both stay clear, or the full
            // quota could come back and block the next tests.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
                exec("UPDATE daily_quota_counters SET sent_count = 0 WHERE day >= ?::date", today);
                redis.send(Request.cmd(Command.DEL).arg(config.redisPrefix() + "quota:" + today)).await()
                        .atMost(Duration.ofSeconds(5));
                Thread.sleep(1500);
                return redisEngine.quotaUsed(today) < 1000
                        && count("SELECT coalesce(max(sent_count), 0) FROM daily_quota_counters WHERE day >= ?::date", today) < 1000;
            });
        }
    }

    @Test
    void shouldAutoPauseOnFailureRateThenRetryAndRelaunch() {
        UUID cat = category();
        List<UUID> contacts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID c = contact("R" + i);
            contacts.add(c);
            if (i > 0) {
                given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("behaviour", "not_joined"))
                        .put("/api/simulator/phones/" + phoneOf(c)).then().statusCode(200);
            }
        }
        addToCategory(cat, contacts.toArray(UUID[]::new));
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour", "minDelayMs", 500,
                "failureRateThreshold", 0.5, "failureRateWindow", 4));
        launch(campaign).then().statusCode(200);

        await().atMost(WAIT).until(() -> "paused".equals(status(campaign)));
        assertEquals("failure_rate", queryOne("SELECT pause_reason FROM campaigns WHERE id = ?", campaign));
        assertTrue(count("SELECT count(*) FROM messages WHERE campaign_id = ? AND status = 'queued'", campaign) > 0);

        action(campaign, "stop").then().statusCode(200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND status = 'sending'",
                campaign) == 0);
        // 63007 (not in the sandbox) is permanent: nothing to retry by default.
        action(campaign, "retry-failed").then().statusCode(409).body("code", equalTo("campaign-no-recipients"));
        long failed = count("SELECT count(*) FROM messages WHERE campaign_id = ? AND status IN ('failed', 'undelivered')", campaign);
        assertTrue(failed >= 3);
        for (int i = 1; i < 10; i++) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("behaviour", "ok"))
                    .put("/api/simulator/phones/" + phoneOf(contacts.get(i))).then().statusCode(200);
        }
        given().auth().oauth2(TestTokens.admin()).queryParam("includePermanent", true)
                .post("/api/campaigns/" + campaign + "/retry-failed").then().statusCode(200)
                .body("status", equalTo("sending")).body("runNumber", equalTo(2));
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        assertEquals(failed, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND run_number = 2", campaign));

        // Relaunch: every recipient not delivered yet (the stopped run's queued ones were never sent) and no reply.
        action(campaign, "relaunch").then().statusCode(200).body("runNumber", equalTo(3));
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        for (UUID c : contacts) {
            assertEquals(1, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND contact_id = ?"
                    + " AND status IN ('delivered', 'read')", campaign, c), "delivered exactly once: " + c);
        }
    }
}
