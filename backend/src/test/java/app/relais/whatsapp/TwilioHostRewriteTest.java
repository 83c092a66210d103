package app.relais.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The base URL covers every Twilio host the SDK calls: api.twilio.com and content.twilio.com (with or
 * without edge and region) go to the configured base with their paths kept, and nothing else leaves.
 */
class TwilioHostRewriteTest {

    static WireMockServer wiremock;

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(wireMockConfig().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    static RelaisTwilioHttpClient client(String base) {
        return new RelaisTwilioHttpClient(base, Duration.ofSeconds(2), Duration.ofSeconds(5), 2);
    }

    static String rewritten(String base, String url) {
        return client(base).rewrite(new Request(HttpMethod.GET, url)).getUrl();
    }

    @Test
    void shouldSendEveryTwilioHostToTheBaseWithItsPathKept() {
        String base = "http://localhost:9999/simulator";
        assertEquals(base + "/2010-04-01/Accounts/AC1/Messages.json",
                rewritten(base, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json"));
        assertEquals(base + "/v1/ContentAndApprovals", rewritten(base, "https://content.twilio.com/v1/ContentAndApprovals"));
        assertEquals(base + "/v1/Content/HX1/ApprovalRequests",
                rewritten(base + "/", "https://content.twilio.com/v1/Content/HX1/ApprovalRequests"));
        assertEquals(base + "/v1/Content", rewritten(base, "https://content.dublin.ie1.twilio.com/v1/Content"));
    }

    @Test
    void shouldRefuseAnyOtherHostWhenTheBaseIsNotTwilio() {
        RelaisTwilioHttpClient local = client("http://localhost:9999");
        for (String url : List.of("https://example.com/v1/Content", "https://twilio.com.evil.example/v1/Content",
                "http://api.twilio.com/2010-04-01/Accounts.json")) {
            assertThrows(ApiConnectionException.class, () -> local.rewrite(new Request(HttpMethod.GET, url)), url);
        }
        Request underBase = new Request(HttpMethod.GET, "http://localhost:9999/v1/Content");
        assertSame(underBase, local.rewrite(underBase));
    }

    @Test
    void shouldLeaveTwilioUrlsAloneWithTwilioItself() {
        Request content = new Request(HttpMethod.GET, "https://content.twilio.com/v1/Content");
        assertSame(content, client(null).rewrite(content));
        assertSame(content, client("https://api.twilio.com").rewrite(content));
    }

    @Test
    void shouldReachATestServerForAContentCallNotTheInternet() {
        wiremock.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"contents": [{"sid": "HXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "friendly_name": "relance",
                          "language": "fr", "account_sid": "AC11111111111111111111111111111111",
                          "types": {"twilio/text": {"body": "Bonjour {{1}}"}}, "variables": {"1": "Awa"},
                          "date_created": "2026-10-01T08:00:00Z", "date_updated": "2026-10-02T08:00:00Z",
                          "approval_requests": {"name": "relance", "category": "UTILITY", "content_type": "twilio/text",
                            "status": "received", "rejection_reason": "", "allow_category_change": true}}],
                         "meta": {"page": 0, "page_size": 50, "first_page_url": "https://content.twilio.com/v1/ContentAndApprovals?PageSize=50&Page=0",
                          "previous_page_url": null, "url": "https://content.twilio.com/v1/ContentAndApprovals?PageSize=50&Page=0",
                          "next_page_url": null, "key": "contents"}}""")));
        TwilioGateway gateway = TwilioGatewayWireMockTest.gatewayAt("http://localhost:" + wiremock.port(), null);

        List<ContentTemplate> templates = gateway.templates(50);

        assertEquals(1, templates.size());
        ContentTemplate t = templates.get(0);
        assertEquals("Bonjour {{1}}", t.body());
        assertEquals("pending", t.approvalStatus(), "Twilio's 'received' reads as pending");
        assertEquals("UTILITY", t.approvalCategory());
        assertEquals(null, t.rejectionReason());
        wiremock.verify(getRequestedFor(urlPathEqualTo("/v1/ContentAndApprovals")));
        assertTrue(wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/ContentAndApprovals"))).get(0)
                .getHeader("Authorization").startsWith("Basic "));
    }
}
