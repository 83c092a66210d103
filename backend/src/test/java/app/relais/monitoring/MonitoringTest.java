package app.relais.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.stats.StatsConfig;
import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class MonitoringTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MonitoringService monitoring;

    @Inject
    StatsConfig statsConfig;

    @Test
    void shouldCallTheSimulatorReachableWithoutProbingTheInternet() {
        // Tests run with the simulator as the provider: a machine without network must not see
        // "provider-unreachable" on a first run.
        given().auth().oauth2(TestTokens.admin()).when().get("/api/monitoring")
                .then().statusCode(200)
                .body("provider.state", equalTo("reachable"))
                .body("provider.detail", org.hamcrest.Matchers.containsString("simulator"))
                .body("reasons", org.hamcrest.Matchers.not(hasItem("provider-unreachable")));
    }

    @Test
    void shouldShowBlockedAndCriticalWhenASenderReachedItsQuota() throws Exception {
        String sender = "whatsapp:+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        LocalDate today = Instant.now().atZone(statsConfig.timeZone()).toLocalDate();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO daily_quota_counters (day, sender, sent_count, quota_limit) VALUES (?, ?, 5, 5)")) {
            ps.setObject(1, today);
            ps.setString(2, sender);
            ps.executeUpdate();
        }
        given().auth().oauth2(TestTokens.admin()).when().get("/api/monitoring")
                .then().statusCode(200)
                .body("quota.level", equalTo("BLOCKED"))
                .body("quota.senders.find { it.sender == '" + sender + "' }.left", equalTo(0))
                .body("status", equalTo("critical"))
                .body("reasons", hasItem("quota-blocked"))
                .body("sendRate.perMinute", hasSize(60))
                .body("instances.alive", hasItem(true));
    }

    @Test
    void shouldReportAStaleWebhookWhenMessagesWentOutAndNoCallbackCame() throws Exception {
        OffsetDateTime sentAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        try (Connection c = dataSource.getConnection()) {
            UUID contact = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts (id, phone_e164) VALUES (?, ?)")) {
                ps.setObject(1, contact);
                ps.setString(2, "+2250" + (100_000_000 + (int) (Math.random() * 899_999_999)));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO messages (contact_id, kind, direction, body, status, queued_at, sent_at, twilio_sid)
                    VALUES (?, 'test', 'outbound', 'ping', 'sent', ?, ?, ?)
                    """)) {
                ps.setObject(1, contact);
                ps.setObject(2, sentAt);
                ps.setObject(3, sentAt);
                ps.setString(4, "SM" + UUID.randomUUID().toString().replace("-", ""));
                ps.executeUpdate();
            }
        }
        // An hour from now, nothing has been heard for longer than the threshold although we sent.
        MonitoringResponse later = monitoring.snapshot(Instant.now().plusSeconds(3600), Locale.FRENCH);
        assertTrue(later.webhook().stale(), "webhook should be stale: " + later.webhook());
        assertTrue(later.reasons().contains("webhook-stale"), later.reasons().toString());
        assertTrue(!"healthy".equals(later.status()));

        // A fresh callback makes it fresh again.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO message_status_events (twilio_sid, status, received_at) VALUES (?, 'delivered', ?)")) {
            ps.setString(1, "SM" + UUID.randomUUID().toString().replace("-", ""));
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(59));
            ps.executeUpdate();
        }
        assertEquals(false, monitoring.snapshot(Instant.now().plusSeconds(3600), Locale.FRENCH).webhook().stale());
    }

    @Inject
    QuotaSource quotaSource;

    @Inject
    QueueSource queueSource;

    @Inject
    app.relais.delivery.DailyQuota dailyQuota;

    @Test
    void shouldReadTheQuotaAndTheQueueFromTheDeliveryEngine() {
        app.relais.delivery.QuotaResponse engine = dailyQuota.status();
        QuotaUsage mine = quotaSource.usage(engine.day()).stream()
                .filter(u -> u.sender().equals(dailyQuota.sender())).findFirst().orElseThrow();
        // The engine's limit (1,000,000 in tests), not monitoring's own default (DAILY_MESSAGE_LIMIT = 1000).
        assertEquals(dailyQuota.limit(), mine.limit());
        assertTrue(mine.used() >= engine.used(), mine + " vs " + engine);
        QueueSnapshot queue = queueSource.snapshot();
        assertEquals("redis-stream", queue.source());
        assertTrue(queue.depth() >= 0 && queue.inFlight() >= 0, queue.toString());
    }

    @Test
    void shouldExposePrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("relais_queue_depth")).body(containsString("relais_quota_level"))
                .body(containsString("relais_messages_sent_total")).body(containsString("relais_messages_failed_total"))
                .body(containsString("relais_rate_limit_waits_total")).body(containsString("relais_rate_limit_wait_seconds_total"))
                .body(containsString("relais_reconciler_actions_total")).body(containsString("relais_webhook_latency_seconds"))
                .body(containsString("relais_queue_in_flight")).body(containsString("relais_sse_clients"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/metrics").then().statusCode(200)
                .body(containsString("relais_queue_oldest_age_seconds"));
        given().when().get("/api/monitoring").then().statusCode(401);
        given().when().get("/api/metrics").then().statusCode(401);
    }

    @Test
    void quarkusMetricsShouldOnlyAnswerThisMachine() {
        // The tests trust X-Forwarded-For: this is a client elsewhere, or one behind a proxy on this host.
        given().header("X-Forwarded-For", "203.0.113.7").when().get("/q/metrics").then().statusCode(401)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body(org.hamcrest.Matchers.not(containsString("relais_")));
        given().header("Forwarded", "for=203.0.113.7").when().get("/q/metrics").then().statusCode(401);
    }
}
