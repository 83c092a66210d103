package app.relais.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway against a WireMock "Twilio": what it sends, and how every answer is classified. */
class TwilioGatewayWireMockTest {

    static final String ACCOUNT = "AC11111111111111111111111111111111";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static WireMockServer wiremock;
    TwilioGateway gateway;

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
        gateway = gatewayAt("http://localhost:" + wiremock.port(), null);
    }

    /** Generous timeouts: WireMock on a loaded 2-core machine can take a second to answer. */
    static TwilioGateway gatewayAt(String baseUrl, String serviceSid) {
        return gatewayAt(baseUrl, serviceSid, Duration.ofSeconds(10));
    }

    static TwilioGateway gatewayAt(String baseUrl, String serviceSid, Duration readTimeout) {
        return new TwilioGateway(new TwilioGateway.Settings(ACCOUNT, "secret-token", baseUrl, "+14155238886",
                serviceSid, "https://relais.example.org", Duration.ofSeconds(5), readTimeout, 8));
    }

    static String twilioError(int code, int status) {
        return "{\"code\": " + code + ", \"message\": \"error " + code + "\", \"more_info\": "
                + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}";
    }

    static String created(String sid) {
        return "{\"sid\": \"" + sid + "\", \"status\": \"queued\", \"account_sid\": \"" + ACCOUNT + "\","
                + " \"to\": \"whatsapp:+33612345678\", \"from\": \"whatsapp:+14155238886\", \"body\": \"Bonjour\","
                + " \"date_created\": \"Wed, 25 Nov 2026 02:00:00 +0000\", \"error_code\": null, \"error_message\": null}";
    }

    void stubCreate(MappingBuilder builder) {
        wiremock.stubFor(builder);
    }

    @Test
    void shouldSendTextWithSenderAndStatusCallback() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created("SM" + "a".repeat(32)))));
        UUID id = UUID.randomUUID();

        SendOutcome outcome = gateway.send(new OutboundMessage(id, "+33612345678", "Bonjour", null, null));

        assertEquals(new SendOutcome.Accepted("SM" + "a".repeat(32), "queued"), outcome);
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(ACCOUNT, "secret-token"))
                .withRequestBody(containing("To=whatsapp%3A%2B33612345678"))
                .withRequestBody(containing("From=whatsapp%3A%2B14155238886"))
                .withRequestBody(containing("Body=Bonjour"))
                .withRequestBody(containing("StatusCallback="
                        + java.net.URLEncoder.encode("https://relais.example.org/api/webhooks/twilio?m=" + id,
                                java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void shouldSendTemplateThroughMessagingService() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created("SM" + "b".repeat(32)))));
        TwilioGateway viaService = gatewayAt("http://localhost:" + wiremock.port(), "MG" + "c".repeat(32));
        String contentSid = "HX" + "d".repeat(32);

        // The rendered text rides along for our record; Twilio sends the template's own text.
        SendOutcome outcome = viaService.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "Bonjour Alice, à lundi",
                contentSid, Map.of("1", "Alice", "2", "lundi")));

        assertInstanceOf(SendOutcome.Accepted.class, outcome);
        var request = wiremock.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0);
        String form = java.net.URLDecoder.decode(request.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(form.contains("ContentSid=" + contentSid), form);
        assertTrue(form.contains("ContentVariables={\"1\":\"Alice\",\"2\":\"lundi\"}"), form);
        assertTrue(form.contains("MessagingServiceSid=MG" + "c".repeat(32)), form);
        assertTrue(!form.contains("From=") && !form.contains("Body="), form);
    }

    @Test
    void shouldClassifyInvalidNumberAsPermanent() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(twilioError(21211, 400))));

        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertInstanceOf(SendOutcome.Permanent.class, outcome);
        assertEquals(21211, ((SendOutcome.Permanent) outcome).twilioCode());
        assertEquals(400, ((SendOutcome.Permanent) outcome).httpStatus());
    }

    @Test
    void shouldClassifySandboxNotJoinedAsPermanent() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(twilioError(63007, 400))));

        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertEquals(new SendOutcome.Permanent(63007, 400, "error 63007"), outcome);
    }

    @Test
    void shouldClassifyTooManyRequestsAsTransientAndSendOnce() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(twilioError(20429, 429))));

        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertEquals(new SendOutcome.Transient(20429, 429, "error 20429"), outcome);
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void shouldClassifyServerErrorAsUnknownAndNeverResendTheCreate() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(twilioError(20500, 500))));

        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertInstanceOf(SendOutcome.Unknown.class, outcome);
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void shouldClassifyProxyHtmlBadGatewayAsUnknown() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html>Bad gateway</html>")));

        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertInstanceOf(SendOutcome.Unknown.class, outcome);
        assertTrue(((SendOutcome.Unknown) outcome).message().contains("502"));
    }

    @Test
    void shouldClassifyReadTimeoutAsUnknown() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(3_000)
                .withHeader("Content-Type", "application/json").withBody(created("SM" + "e".repeat(32)))));
        TwilioGateway impatient = gatewayAt("http://localhost:" + wiremock.port(), null, Duration.ofMillis(500));

        SendOutcome outcome = impatient.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertInstanceOf(SendOutcome.Unknown.class, outcome);
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void shouldClassifyConnectionRefusedAsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioGateway nowhere = gatewayAt("http://localhost:" + closedPort, null);

        SendOutcome outcome = nowhere.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertInstanceOf(SendOutcome.Transient.class, outcome);
    }

    @Test
    void shouldClassifyWrongCredentialsAsPermanent() {
        stubCreate(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(twilioError(20003, 401))));

        SendOutcome outcome = gateway.send(new OutboundMessage(UUID.randomUUID(), "+33612345678", "x", null, null));

        assertEquals(new SendOutcome.Permanent(20003, 401, "error 20003"), outcome);
    }

    @Test
    void shouldFetchOneMessageAndReturnEmptyOnNotFound() {
        String sid = "SM" + "f".repeat(32);
        wiremock.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/" + sid + ".json"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(created(sid).replace("\"queued\"", "\"delivered\""))));
        wiremock.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/SMmissing.json"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(twilioError(20404, 404))));

        assertEquals("delivered", gateway.fetch(sid).orElseThrow().status());
        assertTrue(gateway.fetch("SMmissing").isEmpty());
    }

    @Test
    void shouldSearchByRecipient() {
        String page = "{\"messages\": [" + created("SM" + "1".repeat(32)) + "], \"page\": 0, \"page_size\": 50,"
                + " \"next_page_uri\": null, \"uri\": \"" + MESSAGES + "\"}";
        wiremock.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("whatsapp:+33612345678"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(page)));

        var found = gateway.search("+33612345678", OffsetDateTime.parse("2026-11-01T00:00:00Z"));

        assertEquals(java.util.List.of("SM" + "1".repeat(32)), found.stream().map(ProviderMessage::sid).toList());
    }
}
