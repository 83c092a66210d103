package app.relais.templates;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.common.error.ApiException;
import app.relais.common.i18n.Messages;
import app.relais.whatsapp.TwilioGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The templates cache and the Problems a Twilio failure becomes, against a tiny "Twilio" and a dead port. */
class TemplateServiceTest {

    static final String ACCOUNT = "AC11111111111111111111111111111111";
    static final String LIST = "/v1/ContentAndApprovals";
    static WireMockServer wiremock;

    /** A clock the test moves by hand: no waiting for the TTL. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    MovableClock clock;

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(wireMockConfig().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    @BeforeEach
    void reset() {
        wiremock.resetAll();
        clock = new MovableClock();
    }

    static TwilioGateway gatewayAt(String baseUrl) {
        return new TwilioGateway(new TwilioGateway.Settings(ACCOUNT, "secret-token", baseUrl, "+14155238886", null,
                "https://relais.example.org", Duration.ofSeconds(2), Duration.ofSeconds(10), 2));
    }

    TemplateService service(String baseUrl) {
        TwilioGateway gateway = gatewayAt(baseUrl);
        return new TemplateService(() -> gateway, Duration.ofSeconds(60), clock);
    }

    static String listing(String status) {
        return """
                {"contents": [{"sid": "HXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "friendly_name": "commande_prete", "language": "fr",
                  "types": {"twilio/text": {"body": "Votre commande {{1}} est prête"}}, "variables": {"1": "CMD-1"},
                  "date_updated": "2026-10-02T08:00:00Z",
                  "approval_requests": {"name": "commande_prete", "category": "UTILITY", "status": "%s", "rejection_reason": ""}}],
                 "meta": {"page": 0, "page_size": 1000, "next_page_url": null, "key": "contents"}}""".formatted(status);
    }

    void stubList(int status, String body) {
        wiremock.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    int listCalls() {
        return wiremock.findAll(getRequestedFor(urlPathEqualTo(LIST))).size();
    }

    @Test
    void shouldAskTwilioOncePerTtlUnlessRefreshed() {
        stubList(200, listing("approved"));
        TemplateService templates = service("http://localhost:" + wiremock.port());

        assertEquals("approved", templates.list(false).get(0).approvalStatus());
        templates.list(false);
        templates.list(false, true, "commande");
        assertEquals(1, listCalls(), "served from the cache");

        stubList(200, listing("paused"));
        assertEquals("paused", templates.list(true).get(0).approvalStatus(), "refresh=true asks Twilio");
        assertEquals(2, listCalls());

        clock.now = clock.now.plusSeconds(59);
        templates.list(false);
        assertEquals(2, listCalls());
        clock.now = clock.now.plusSeconds(2);
        templates.list(false);
        assertEquals(3, listCalls(), "past the TTL, Twilio again");
        assertTrue(templates.find("HXAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false).isPresent(), "the listing fills the per-SID cache");
        assertEquals(0, wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/Content/HXAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).size());
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTwilioIsUnreachable() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        TemplateService templates = service("http://localhost:" + deadPort);

        ApiException e = assertThrows(ApiException.class, () -> templates.list(false));

        assertEquals(503, e.status());
        assertEquals("templates-unavailable", e.code());
        assertEquals(TemplateService.RETRY_AFTER_SECONDS, e.retryAfterSeconds());
        assertTrue(Messages.get(Messages.FRENCH, "problem.templates-unavailable.detail").contains("Twilio ne répond pas"));
        assertTrue(Messages.get(Messages.ENGLISH, "problem.templates-unavailable.detail").contains("Twilio is not answering"));
    }

    @Test
    void shouldAnswer502WhenTwilioRefusesTheCredentialsAnd503OnItsOutagesNeverCachingAFailure() {
        TemplateService templates = service("http://localhost:" + wiremock.port());
        stubList(401, "{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\": \"https://www.twilio.com/docs/errors/20003\", \"status\": 401}");
        ApiException auth = assertThrows(ApiException.class, () -> templates.list(false));
        assertEquals(502, auth.status());
        assertEquals("templates-provider-auth", auth.code());
        assertEquals(null, auth.retryAfterSeconds());

        stubList(503, "<html>Service Unavailable</html>");
        ApiException outage = assertThrows(ApiException.class, () -> templates.list(false));
        assertEquals(503, outage.status());
        assertEquals("templates-unavailable", outage.code());

        stubList(400, "{\"code\": 20001, \"message\": \"Bad\", \"more_info\": null, \"status\": 400}");
        ApiException other = assertThrows(ApiException.class, () -> templates.list(false));
        assertEquals(502, other.status());
        assertEquals("templates-provider-error", other.code());

        stubList(200, listing("approved"));
        assertEquals(1, templates.list(false).size(), "a failure is not cached: the next call asks again");
    }

    @Test
    void shouldFindOneTemplateAndRememberThatTwilioDoesNotKnowIt() {
        wiremock.stubFor(get(urlPathEqualTo("/v1/Content/HX" + "b".repeat(32))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20404, \"message\": \"not found\", \"more_info\": null, \"status\": 404}")));
        TemplateService templates = service("http://localhost:" + wiremock.port());

        assertTrue(templates.find("HX" + "b".repeat(32), false).isEmpty());
        assertTrue(templates.find("HX" + "b".repeat(32), false).isEmpty());
        assertEquals(1, wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/Content/HX" + "b".repeat(32)))).size());
    }
}
