package app.relais.delivery;

import static app.relais.delivery.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The unpaced batch path's building blocks against the real PostgreSQL and Redis: one statement claims
 * only claimable rows of unpaced campaigns, the quota is taken many at a time without going over, and
 * a group commit writes every SID and the durable quota count.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class BatchPathTest {

    @Inject
    DeliveryStore store;
    @Inject
    RedisEngine redis;

    @BeforeAll
    static void users() {
        ensureTestUsers();
    }

    /** A sending campaign with one queued row per contact, marked enqueued so the app's own engine never sees them. */
    static UUID sendingCampaign(Map<String, Object> pacing, UUID... contacts) {
        UUID cat = category();
        addToCategory(cat, contacts);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("categoryIds", List.of(cat), "message1Body", "Bonjour {{first_name}}"));
        UUID campaign = createCampaign(body);
        for (UUID c : contacts) {
            exec("INSERT INTO messages (campaign_id, contact_id, kind, direction, status, enqueued_at)"
                    + " VALUES (?, ?, 'message_1', 'outbound', 'queued', now())", campaign, c);
        }
        pacing.forEach((column, value) -> exec("UPDATE campaigns SET " + column + " = ? WHERE id = ?", value, campaign));
        exec("UPDATE campaigns SET status = 'sending', launched_at = now() WHERE id = ?", campaign);
        return campaign;
    }

    static List<UUID> rowsOf(UUID campaign) {
        return rows("SELECT id FROM messages WHERE campaign_id = ? ORDER BY id", campaign).stream()
                .map(r -> (UUID) r.get("id")).collect(Collectors.toList());
    }

    @Test
    void shouldClaimOnlyQueuedRowsOfUnpacedCampaignsInOneStatement() throws Exception {
        UUID a = contact("Ama");
        UUID b = contact("Kojo");
        UUID c = contact("Esi");
        UUID unpaced = sendingCampaign(Map.of(), a, b, c);
        UUID paced = sendingCampaign(Map.of("messages_per_second", new java.math.BigDecimal("2")), contact("Yaw"));
        UUID batched = sendingCampaign(Map.of("batch_size", 10, "batch_pause_seconds", 5), contact("Abena"));
        List<UUID> ids = new ArrayList<>(rowsOf(unpaced));
        exec("UPDATE messages SET status = 'failed', failed_at = now() WHERE id = ?", ids.get(2));
        ids.addAll(rowsOf(paced));
        ids.addAll(rowsOf(batched));
        ids.add(UUID.randomUUID());

        List<Claim> claims = store.claimUnpaced(ids, "batch-test");

        assertEquals(2, claims.size(), "the two queued rows of the unpaced campaign");
        for (Claim claim : claims) {
            assertEquals(unpaced, claim.campaignId());
            assertEquals(1, claim.attempts());
            assertEquals("Bonjour {{first_name}}", claim.message1Body());
            assertEquals("sending", queryOne("SELECT status FROM messages WHERE id = ?", claim.id()));
        }
        assertEquals("queued", queryOne("SELECT status FROM messages WHERE campaign_id = ?", paced), "paced: one by one");
        assertEquals("queued", queryOne("SELECT status FROM messages WHERE campaign_id = ?", batched), "batch pauses: one by one");
        assertTrue(store.claimUnpaced(ids, "other").isEmpty(), "a claimed row is never claimed twice");
    }

    @Test
    void shouldTakeTheQuotaManyAtATimeWithoutGoingOver() {
        String day = "batch-" + UUID.randomUUID();
        assertArrayEquals(new long[] { 3, 3 }, redis.quotaTakeMany(day, 5, 3));
        assertArrayEquals(new long[] { 2, 5 }, redis.quotaTakeMany(day, 5, 3));
        assertArrayEquals(new long[] { 0, 5 }, redis.quotaTakeMany(day, 5, 1));
        assertEquals(5, redis.quotaUsed(day));
    }

    private static void assertArrayEquals(long[] expected, long[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }

    @Test
    void shouldGroupCommitEverySidAndTheHighestQuotaCount() throws Exception {
        UUID a = contact("Kwame");
        UUID b = contact("Afua");
        UUID campaign = sendingCampaign(Map.of(), a, b);
        List<Claim> claims = store.claimUnpaced(rowsOf(campaign), "batch-test");
        assertEquals(2, claims.size());
        exec("UPDATE messages SET error_code = 20429, error_message = 'earlier try' WHERE id = ?", claims.get(0).id());
        LocalDate day = LocalDate.of(2031, 1, 1 + (int) (Math.random() * 27));
        String sender = "batch-" + UUID.randomUUID();
        List<DeliveryStore.Accepted> batch = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            batch.add(new DeliveryStore.Accepted(claim, "SM" + UUID.randomUUID().toString().replace("-", ""), "Bonjour " + i,
                    null, null, "whatsapp:+14155238886", day, sender, 41 + i, 1000));
        }

        store.recordAcceptedBatch(batch);

        for (DeliveryStore.Accepted acc : batch) {
            Map<String, Object> r = row("SELECT twilio_sid, handed_at, body, from_address, to_address, error_code, error_message, status"
                    + " FROM messages WHERE id = ?", acc.claim().id());
            assertEquals(acc.sid(), r.get("twilio_sid"));
            assertNotNull(r.get("handed_at"));
            assertEquals(acc.body(), r.get("body"));
            assertEquals("whatsapp:+14155238886", r.get("from_address"));
            assertEquals("whatsapp:" + acc.claim().phone(), r.get("to_address"));
            assertNull(r.get("error_code"), "an earlier attempt's error is cleared");
            assertNull(r.get("error_message"));
            assertEquals("sending", r.get("status"), "the status moves with the callbacks");
        }
        assertEquals(42L, ((Number) queryOne("SELECT sent_count FROM daily_quota_counters WHERE day = ? AND sender = ?", day, sender))
                .longValue());
    }
}
