package app.relais.delivery;

import static app.relais.delivery.EngineFixtures.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine end to end: API → PostgreSQL → Redis Stream → workers → SDK → simulator → signed webhook. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class CampaignEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EngineClock clock;

    @Inject
    io.vertx.mutiny.redis.client.Redis redis;

    @Inject
    DeliveryConfig config;

    @Inject
    DailyQuota quota;

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldSendEachContactOnceAcrossOverlappingCategoriesAndComplete() {
        UUID a = contact("Awa");
        UUID b = contact("Bruno");
        UUID c = contact("Chloé");
        UUID d = contact("Didier");
        UUID optedOut = contact("Eve");
        exec("UPDATE contacts SET opted_out = true, opted_out_at = now() WHERE id = ?", optedOut);
        UUID cat1 = category();
        UUID cat2 = category();
        UUID cat3 = category();
        addToCategory(cat1, a, b, c, optedOut);
        addToCategory(cat2, a, b, d);
        addToCategory(cat3, a, c, d, optedOut);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat1, cat2, cat3),
                "message1Body", "Bonjour {{first_name}} ({{phone}})"));

        launch(campaign).then().statusCode(200).body("status", equalTo("sending")).body("counters.recipients", equalTo(4));

        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        for (UUID contact : List.of(a, b, c, d)) {
            String phone = phoneOf(contact);
            assertEquals(1, createsAtProvider(phone), "one create for " + phone);
        }
        assertEquals(0, createsAtProvider(phoneOf(optedOut)));
        assertEquals("Bonjour Awa (" + phoneOf(a) + ")", queryOne(
                "SELECT body FROM simulator_messages WHERE phone_e164 = ?", phoneOf(a)));
        assertEquals(4, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND twilio_sid IS NOT NULL", campaign));
        await().atMost(WAIT).until(() -> count("SELECT sent_count FROM campaign_counters(ARRAY[?::uuid])", campaign) == 4);
    }

    /** The per-sender limit (test profile: 1000/s) reserves each send's slot in Redis, shared by every instance. */
    @Test
    void shouldReserveEachSendInTheSendersSharedSlot() {
        long before = System.currentTimeMillis() * 1000; // the slots are kept in µs since the epoch
        UUID a = contact("Sender");
        UUID cat = category();
        addToCategory(cat, a);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        launch(campaign).then().statusCode(200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND twilio_sid IS NOT NULL",
                campaign) == 1);
        io.vertx.mutiny.redis.client.Response slot = redis.send(io.vertx.mutiny.redis.client.Request.cmd(
                io.vertx.mutiny.redis.client.Command.GET).arg(config.redisPrefix() + "pace:us:sender:" + quota.sender()))
                .await().atMost(Duration.ofSeconds(5));
        assertTrue(slot != null && slot.toLong() > before, "the sender's next slot was reserved by this send");
    }

    @Test
    void shouldLetExactlyOneOfTwoRacingLaunchesWin() throws Exception {
        UUID cat = category();
        addToCategory(cat, contact("Fatou"), contact("Gaston"));
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> launchIt = () -> {
            start.await();
            return launch(campaign).statusCode();
        };
        Future<Integer> first = pool.submit(launchIt);
        Future<Integer> second = pool.submit(launchIt);
        start.countDown();
        List<Integer> codes = new ArrayList<>(List.of(first.get(), second.get()));
        pool.shutdown();
        codes.sort(Integer::compareTo);
        assertEquals(List.of(200, 409), codes);
        assertEquals(2, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'message_1'", campaign));
    }

    @Test
    void shouldSendMessage2ExactlyOnceUnderConcurrentReplies() throws Exception {
        UUID x = contact("Habib");
        UUID y = contact("Inès");
        UUID cat = category();
        addToCategory(cat, x, y);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Intéressé ?",
                "message2Body", "Merci {{first_name}} !"));
        launch(campaign).then().statusCode(200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'message_1'"
                + " AND handed_at IS NOT NULL", campaign) == 2);
        String phone = phoneOf(x);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            replies.add(pool.submit(() -> {
                start.await();
                reply(phone, "Oui " + n);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : replies) {
            f.get();
        }
        pool.shutdown();
        await().atMost(WAIT).until(() -> createsAtProvider(phone) == 2);
        assertEquals(1, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND contact_id = ? AND kind = 'message_2'",
                campaign, x));
        List<Object> bodies = new ArrayList<>();
        for (Map<String, Object> row : rows("SELECT body FROM simulator_messages WHERE phone_e164 = ?"
                + " AND direction = 'outbound-api' ORDER BY body", phone)) {
            bodies.add(row.get("body"));
        }
        assertEquals(List.of("Intéressé ?", "Merci Habib !"), bodies, "Message 1, then Message 2 rendered for the contact");
        reply(phone, "Encore moi");
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
        assertEquals(2, createsAtProvider(phone), "a later reply triggers nothing");
        await().atMost(WAIT).until(() -> count("SELECT message2_sent_count FROM campaign_counters(ARRAY[?::uuid])", campaign) == 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'message_1'"
                + " AND status IN ('sent', 'delivered', 'read')", campaign) == 2);
        assertEquals(2, count("SELECT sent_count FROM campaign_counters(ARRAY[?::uuid])", campaign),
                "sent counts Message 1 only (2 recipients), as the funnel; Message 2 has its own counter");
        assertEquals("sending", status(campaign), "y has not replied and its window is open");
        // y's reply window closes: the campaign completes.
        clock.shift(Duration.ofHours(25));
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
    }

    @Test
    void shouldIgnoreAReplyAfterTheWindow() {
        UUID x = contact("Jules");
        UUID cat = category();
        addToCategory(cat, x);
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour",
                "message2Body", "Suite"));
        launch(campaign).then().statusCode(200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE campaign_id = ? AND handed_at IS NOT NULL",
                campaign) == 1);
        clock.shift(Duration.ofHours(25));
        reply(phoneOf(x), "Oui, enfin");
        assertEquals(0, count("SELECT count(*) FROM messages WHERE campaign_id = ? AND kind = 'message_2'", campaign));
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        assertEquals(1, createsAtProvider(phoneOf(x)));
    }

    @Test
    void shouldPauseResumeAndStop() {
        UUID cat = category();
        List<UUID> contacts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            contacts.add(contact("P" + i));
        }
        addToCategory(cat, contacts.toArray(UUID[]::new));
        UUID campaign = createCampaign(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour",
                "minDelayMs", 400));
        launch(campaign).then().statusCode(200);
        action(campaign, "pause").then().statusCode(200).body("status", equalTo("paused")).body("pauseReason", equalTo("manual"));
        long handed = count("SELECT count(*) FROM messages WHERE campaign_id = ? AND handed_at IS NOT NULL", campaign);
        await().pollDelay(Duration.ofMillis(1500)).atMost(WAIT).until(() -> true);
        long afterPause = count("SELECT count(*) FROM messages WHERE campaign_id = ? AND handed_at IS NOT NULL", campaign);
        assertTrue(afterPause <= handed + 1, "at most the send in flight finishes while paused");
        assertTrue(afterPause < 6);
        action(campaign, "pause").then().statusCode(409);
        action(campaign, "resume").then().statusCode(200).body("status", equalTo("sending"));
        await().atMost(WAIT).until(() -> "completed".equals(status(campaign)));
        for (UUID c : contacts) {
            assertEquals(1, createsAtProvider(phoneOf(c)));
        }

        UUID cat2 = category();
        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(contact("S" + i));
        }
        addToCategory(cat2, others.toArray(UUID[]::new));
        UUID stopped = createCampaign(Map.of("categoryIds", List.of(cat2), "message1Body", "Bonjour", "minDelayMs", 1000));
        launch(stopped).then().statusCode(200);
        action(stopped, "stop").then().statusCode(200).body("status", equalTo("stopped"));
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        long sent = count("SELECT count(*) FROM messages WHERE campaign_id = ? AND handed_at IS NOT NULL", stopped);
        assertTrue(sent <= 1, "a stopped campaign sends nothing more (sent " + sent + ")");
        assertTrue(count("SELECT count(*) FROM messages WHERE campaign_id = ? AND status = 'queued'", stopped) >= 4);
        action(stopped, "resume").then().statusCode(409);
        action(stopped, "launch").then().statusCode(409);
    }
}
