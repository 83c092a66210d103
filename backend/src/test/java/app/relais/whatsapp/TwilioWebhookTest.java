package app.relais.whatsapp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.messages.MessageStatus;
import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/webhooks/twilio with real Twilio payload shapes, signed for the public https URL
 * (https://relais.example.test, as behind ngrok) and posted to the app's internal http address.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class TwilioWebhookTest {

    static final String PUBLIC_BASE = "https://relais.example.test";
    static final String TOKEN = "simulator-auth-token";

    @Inject
    WebhookEventsRecorder events;

    static ValidatableResponse post(String query, Map<String, String> params, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8").formParams(params);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(WebhookUrls.WEBHOOK_PATH + (query == null ? "" : "?" + query)).then();
    }

    static ValidatableResponse signedPost(String query, Map<String, String> params) {
        return post(query, params, TwilioSignature.compute(TOKEN, WebhookUrls.signedUrl(PUBLIC_BASE, query), params));
    }

    static Map<String, String> status(String sid, String status, Integer errorCode) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("SmsSid", sid);
        p.put("MessageStatus", status);
        p.put("SmsStatus", status);
        p.put("AccountSid", "AC00000000000000000000000000000000");
        p.put("From", "whatsapp:+14155238886");
        p.put("To", "whatsapp:+33612345678");
        p.put("ApiVersion", "2010-04-01");
        p.put("ChannelPrefix", "whatsapp");
        if (errorCode != null) {
            p.put("ErrorCode", String.valueOf(errorCode));
            p.put("ErrorMessage", "error " + errorCode);
        }
        return p;
    }

    static Map<String, String> inbound(String from, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        String sid = WhatsAppFixtures.randomSid();
        p.put("SmsMessageSid", sid);
        p.put("MessageSid", sid);
        p.put("SmsSid", sid);
        p.put("AccountSid", "AC00000000000000000000000000000000");
        p.put("From", "whatsapp:" + from);
        p.put("To", "whatsapp:+14155238886");
        p.put("Body", body);
        p.put("NumMedia", "0");
        p.put("NumSegments", "1");
        p.put("SmsStatus", "received");
        p.put("ApiVersion", "2010-04-01");
        p.put("ProfileName", "Alice");
        p.put("WaId", from.substring(1));
        return p;
    }

    static Map<String, Object> message(UUID id) {
        return WhatsAppFixtures.row("SELECT status, twilio_sid, error_code, sent_at, delivered_at, read_at, failed_at"
                + " FROM messages WHERE id = ?", id);
    }

    static Map<String, Object> counters(UUID campaignId) {
        return WhatsAppFixtures.row("SELECT sent_count, delivered_count, read_count, failed_count FROM campaign_counters(ARRAY[?::uuid])",
                campaignId);
    }

    static long events(String sid) {
        return WhatsAppFixtures.<Long>queryOne("SELECT count(*) FROM message_status_events WHERE twilio_sid = ?", sid);
    }

    record Fixture(UUID campaignId, UUID contactId, UUID messageId, String sid, String phone) {
    }

    static Fixture sentMessage1(boolean withSid) {
        String phone = WhatsAppFixtures.randomPhone();
        UUID contact = WhatsAppFixtures.contact(phone);
        UUID campaign = WhatsAppFixtures.campaign();
        String sid = WhatsAppFixtures.randomSid();
        UUID message = WhatsAppFixtures.message1(campaign, contact, withSid ? sid : null, "queued");
        return new Fixture(campaign, contact, message, sid, phone);
    }

    // --- signature --------------------------------------------------------------------------------

    @Test
    void shouldRefuseMissingSignatureAndWriteNothing() {
        Fixture f = sentMessage1(true);

        post("m=" + f.messageId(), status(f.sid(), "delivered", null), null).statusCode(403)
                .body("code", equalTo("twilio-signature-invalid"));

        assertEquals(0L, events(f.sid()));
        assertEquals("queued", message(f.messageId()).get("status"));
    }

    @Test
    void shouldRefuseForgedSignatureAndWriteNothing() {
        Fixture f = sentMessage1(true);
        Map<String, String> params = status(f.sid(), "delivered", null);
        String forged = TwilioSignature.compute("not-the-token", WebhookUrls.signedUrl(PUBLIC_BASE, "m=" + f.messageId()), params);

        post("m=" + f.messageId(), params, forged).statusCode(403);
        // Signed for another message id: the query string is covered by the signature.
        post("m=" + UUID.randomUUID(), params,
                TwilioSignature.compute(TOKEN, WebhookUrls.signedUrl(PUBLIC_BASE, "m=" + f.messageId()), params))
                .statusCode(403);

        assertEquals(0L, events(f.sid()));
        assertEquals("queued", message(f.messageId()).get("status"));
    }

    @Test
    void shouldValidateProxyStylePublicUrlButNotTheInternalOne() {
        Fixture f = sentMessage1(true);
        Map<String, String> params = status(f.sid(), "sent", null);
        String internalUrl = "http://localhost:" + RestAssured.port + WebhookUrls.WEBHOOK_PATH + "?m=" + f.messageId();

        post("m=" + f.messageId(), params, TwilioSignature.compute(TOKEN, internalUrl, params)).statusCode(403);
        signedPost("m=" + f.messageId(), params).statusCode(200)
                .contentType("text/xml")
                .body(equalTo(TwilioWebhookResource.EMPTY_TWIML));

        assertEquals("sent", message(f.messageId()).get("status"));
    }

    // --- status callbacks -------------------------------------------------------------------------

    @Test
    void shouldMoveStatusForwardAndCountOnce() {
        Fixture f = sentMessage1(true);
        String q = "m=" + f.messageId();

        signedPost(q, status(f.sid(), "sent", null)).statusCode(200);
        signedPost(q, status(f.sid(), "delivered", null)).statusCode(200);
        signedPost(q, status(f.sid(), "delivered", null)).statusCode(200);
        signedPost(q, status(f.sid(), "read", null)).statusCode(200);

        Map<String, Object> m = message(f.messageId());
        assertEquals("read", m.get("status"));
        assertNotNull(m.get("sent_at"));
        assertNotNull(m.get("delivered_at"));
        assertNotNull(m.get("read_at"));
        assertEquals(3L, events(f.sid()));
        assertEquals(Map.of("sent_count", 1, "delivered_count", 1, "read_count", 1, "failed_count", 0),
                counters(f.campaignId()));
        assertEquals("ok", WhatsAppFixtures.queryOne("SELECT whatsapp_status FROM contacts WHERE id = ?", f.contactId()));
        assertTrue(events.statusChanges.stream().anyMatch(e -> e.messageId().equals(f.messageId())
                && e.previous() == MessageStatus.DELIVERED && e.current() == MessageStatus.READ));
    }

    @Test
    void shouldIgnoreLateCallbacksThatWouldMoveBackwards() {
        Fixture f = sentMessage1(true);
        String q = "m=" + f.messageId();

        signedPost(q, status(f.sid(), "read", null)).statusCode(200);
        signedPost(q, status(f.sid(), "delivered", null)).statusCode(200);
        signedPost(q, status(f.sid(), "sent", null)).statusCode(200);

        Map<String, Object> m = message(f.messageId());
        assertEquals("read", m.get("status"));
        assertNotNull(m.get("delivered_at"));
        assertEquals(3L, events(f.sid()));
        assertEquals(Map.of("sent_count", 1, "delivered_count", 1, "read_count", 1, "failed_count", 0),
                counters(f.campaignId()));
    }

    @Test
    void shouldLetDeliveredWinOverFailedAndFixTheCounters() {
        Fixture f = sentMessage1(true);
        String q = "m=" + f.messageId();

        signedPost(q, status(f.sid(), "sent", null)).statusCode(200);
        signedPost(q, status(f.sid(), "undelivered", 30003)).statusCode(200);
        assertEquals(Map.of("sent_count", 0, "delivered_count", 0, "read_count", 0, "failed_count", 1),
                counters(f.campaignId()));

        signedPost(q, status(f.sid(), "delivered", null)).statusCode(200);

        Map<String, Object> m = message(f.messageId());
        assertEquals("delivered", m.get("status"));
        assertEquals(30003, m.get("error_code"));
        assertNotNull(m.get("failed_at"));
        assertEquals(Map.of("sent_count", 1, "delivered_count", 1, "read_count", 0, "failed_count", 0),
                counters(f.campaignId()));
    }

    @Test
    void shouldMatchBySidWithoutOurIdAndSetTheSidOfALostCreate() {
        Fixture bySid = sentMessage1(true);
        signedPost(null, status(bySid.sid(), "delivered", null)).statusCode(200);
        assertEquals("delivered", message(bySid.messageId()).get("status"));

        Fixture lost = sentMessage1(false);
        signedPost("m=" + lost.messageId(), status(lost.sid(), "sent", null)).statusCode(200);
        Map<String, Object> m = message(lost.messageId());
        assertEquals("sent", m.get("status"));
        assertEquals(lost.sid(), m.get("twilio_sid"));
        // Handed to the provider from now on, or its campaign could never complete (seen in EngineFaultIT).
        assertNotNull(WhatsAppFixtures.queryOne("SELECT handed_at FROM messages WHERE id = ?", lost.messageId()));
    }

    @Test
    void shouldLearnThatTheNumberIsNotOnWhatsApp() {
        Fixture f = sentMessage1(true);

        signedPost("m=" + f.messageId(), status(f.sid(), "failed", 63024)).statusCode(200);

        assertEquals("failed", message(f.messageId()).get("status"));
        assertEquals(63024, message(f.messageId()).get("error_code"));
        assertEquals("not_on_whatsapp",
                WhatsAppFixtures.queryOne("SELECT whatsapp_status FROM contacts WHERE id = ?", f.contactId()));
    }

    @Test
    void shouldKeepACallbackForAnUnknownSid() {
        String sid = WhatsAppFixtures.randomSid();

        signedPost(null, status(sid, "delivered", null)).statusCode(200);

        assertEquals(1L, events(sid));
        assertNull(WhatsAppFixtures.queryOne("SELECT message_id FROM message_status_events WHERE twilio_sid = ?", sid));
    }

    // --- inbound ----------------------------------------------------------------------------------

    @Test
    void shouldStoreAReplyLinkedToTheCampaign() {
        Fixture f = sentMessage1(true);
        Map<String, String> params = inbound(f.phone(), "Oui, intéressé !");
        params.put("NumMedia", "1");
        params.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1");
        params.put("MediaContentType0", "image/jpeg");
        int before = events.inbound.size();

        signedPost(null, params).statusCode(200).contentType("text/xml");
        signedPost(null, params).statusCode(200);

        var rows = WhatsAppFixtures.rows("SELECT id, campaign_id, kind, direction, status, body, media::text AS media"
                + " FROM messages WHERE twilio_sid = ?", params.get("MessageSid"));
        assertEquals(1, rows.size());
        Map<String, Object> reply = rows.get(0);
        assertEquals(f.campaignId(), reply.get("campaign_id"));
        assertEquals("reply", reply.get("kind"));
        assertEquals("inbound", reply.get("direction"));
        assertEquals("received", reply.get("status"));
        assertTrue(((String) reply.get("media")).contains("image/jpeg"));
        var interactions = WhatsAppFixtures.rows("SELECT type, campaign_id, payload::text AS payload FROM interactions"
                + " WHERE message_id = ?", reply.get("id"));
        assertEquals(1, interactions.size());
        assertEquals("reply", interactions.get(0).get("type"));
        assertTrue(((String) interactions.get(0).get("payload")).contains("Alice"));
        Map<String, Object> contact = WhatsAppFixtures.row("SELECT last_inbound_at, profile_name, inbound_only"
                + " FROM contacts WHERE id = ?", f.contactId());
        assertNotNull(contact.get("last_inbound_at"));
        assertEquals("Alice", contact.get("profile_name"));
        assertEquals(false, contact.get("inbound_only"));
        assertEquals(before + 1, events.inbound.size());
        assertTrue(events.inbound.stream().anyMatch(e -> e.messageId().equals(reply.get("id")) && !e.optOut()));
    }

    @Test
    void shouldCreateAnInboundOnlyContactForAnUnknownSender() {
        String phone = WhatsAppFixtures.randomPhone();

        signedPost(null, inbound(phone, "Bonjour, qui êtes-vous ?")).statusCode(200);

        Map<String, Object> contact = WhatsAppFixtures.row("SELECT id, inbound_only, opted_out FROM contacts"
                + " WHERE phone_e164 = ?", phone);
        assertEquals(true, contact.get("inbound_only"));
        assertEquals(false, contact.get("opted_out"));
        assertEquals(1L, WhatsAppFixtures.<Long>queryOne("SELECT count(*) FROM interactions WHERE contact_id = ?",
                contact.get("id")));
    }

    @Test
    void shouldMarkSandboxJoin() {
        String phone = WhatsAppFixtures.randomPhone();
        UUID contact = WhatsAppFixtures.contact(phone);

        signedPost(null, inbound(phone, "join bright-tiger")).statusCode(200);

        assertNotNull(WhatsAppFixtures.queryOne("SELECT sandbox_joined_at FROM contacts WHERE id = ?", contact));
        assertEquals("join", WhatsAppFixtures.queryOne("SELECT type FROM interactions WHERE contact_id = ?", contact));
        assertTrue(events.inbound.stream().anyMatch(e -> e.contactId().equals(contact) && e.sandboxJoin()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "STOP", "stop", "ARRET", "Arrêt", "STOP ALL", "unsubscribe", " DESABONNER " })
    void shouldOptOutOnKeyword(String word) {
        String phone = WhatsAppFixtures.randomPhone();
        UUID contact = WhatsAppFixtures.contact(phone);

        signedPost(null, inbound(phone, word)).statusCode(200);

        Map<String, Object> c = WhatsAppFixtures.row("SELECT opted_out, opted_out_at, opt_out_source FROM contacts"
                + " WHERE id = ?", contact);
        assertEquals(true, c.get("opted_out"));
        assertNotNull(c.get("opted_out_at"));
        assertEquals("inbound_keyword", c.get("opt_out_source"));
        assertEquals("opt_out", WhatsAppFixtures.queryOne("SELECT type FROM interactions WHERE contact_id = ?", contact));
        assertTrue(events.inbound.stream().anyMatch(e -> e.contactId().equals(contact) && e.optOut()));
    }

    // --- outage -----------------------------------------------------------------------------------

    /**
     * The database cannot take the write in time: another session holds an exclusive lock on the
     * events table, so the webhook's transaction hits its lock timeout and rolls back. The webhook
     * must answer 503 (Twilio may retry) with nothing written; once the database is available again
     * the same callback is stored.
     */
    @Test
    void shouldAnswer503AndWriteNothingWhenTheDatabaseCannotCommit() throws Exception {
        Fixture f = sentMessage1(true);
        String q = "m=" + f.messageId();
        try (Connection blocker = WhatsAppFixtures.connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE message_status_events IN ACCESS EXCLUSIVE MODE");
            }
            signedPost(q, status(f.sid(), "delivered", null)).statusCode(503)
                    .header("Retry-After", "5");
            blocker.rollback();
        }
        assertEquals(0L, events(f.sid()));
        assertEquals("queued", message(f.messageId()).get("status"));

        signedPost(q, status(f.sid(), "delivered", null)).statusCode(200);
        assertEquals("delivered", message(f.messageId()).get("status"));
    }

    @Test
    void shouldRejectAPayloadWithoutSender() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Body", "hello");
        signedPost(null, params).statusCode(400);
    }
}
