package app.relais.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.relais.messages.MessageStatus;
import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Callbacks for many messages of one campaign, shuffled, duplicated and fired concurrently (so they
 * are committed in groups): every message ends at the highest rank it received and the
 * campaign's counters equal the count of messages in each bucket.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class ConcurrentCallbacksTest {

    static final String[] STATUSES = { "sent", "delivered", "read", "failed", "undelivered" };

    @Test
    void shouldEndInTheHighestStatusWithConsistentCountersWhateverTheOrder() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        UUID campaign = WhatsAppFixtures.campaign();
        int messages = 40;
        List<String[]> callbacks = new ArrayList<>();
        Map<String, UUID> ids = new java.util.HashMap<>();
        Map<UUID, MessageStatus> expected = new java.util.HashMap<>();
        for (int i = 0; i < messages; i++) {
            UUID contact = WhatsAppFixtures.contact(WhatsAppFixtures.randomPhone());
            String sid = WhatsAppFixtures.randomSid();
            boolean sidKnown = random.nextBoolean();
            UUID id = WhatsAppFixtures.message1(campaign, contact, sidKnown ? sid : null, "queued");
            ids.put(sid, id);
            MessageStatus best = MessageStatus.QUEUED;
            for (String status : STATUSES) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                int copies = 1 + random.nextInt(2);
                for (int k = 0; k < copies; k++) {
                    callbacks.add(new String[] { sid, status });
                }
                MessageStatus s = MessageStatus.fromTwilio(status);
                if (best.canMoveTo(s)) {
                    best = s;
                }
            }
            expected.put(id, best);
        }
        Collections.shuffle(callbacks, random);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String[] cb : callbacks) {
            answers.add(pool.submit(() -> TwilioWebhookTest.signedPost("m=" + ids.get(cb[0]),
                    TwilioWebhookTest.status(cb[0], cb[1], cb[1].endsWith("ed") && !cb[1].equals("delivered") ? 30003 : null))
                    .extract().statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(200, answer.get(), "seed " + seed);
        }
        pool.shutdown();

        int sent = 0, delivered = 0, read = 0, failed = 0;
        for (Map.Entry<UUID, MessageStatus> e : expected.entrySet()) {
            // failed and undelivered share a rank: the first to arrive stays.
            MessageStatus actual = MessageStatus.fromDb(
                    WhatsAppFixtures.queryOne("SELECT status FROM messages WHERE id = ?", e.getKey()));
            assertEquals(e.getValue().rank(), actual.rank(), "seed " + seed + ": " + e.getValue() + " vs " + actual);
            sent += CampaignCounters.sent(e.getValue());
            delivered += CampaignCounters.delivered(e.getValue());
            read += CampaignCounters.read(e.getValue());
            failed += CampaignCounters.failed(e.getValue());
        }
        assertEquals(Map.of("sent_count", sent, "delivered_count", delivered, "read_count", read, "failed_count", failed),
                TwilioWebhookTest.counters(campaign), "seed " + seed);
        long distinct = callbacks.stream().map(c -> c[0] + "/" + c[1]).distinct().count();
        assertEquals(distinct, WhatsAppFixtures.<Long>queryOne("SELECT count(*) FROM message_status_events e"
                + " JOIN messages m ON m.id = e.message_id WHERE m.campaign_id = ?", campaign), "seed " + seed);
    }
}
