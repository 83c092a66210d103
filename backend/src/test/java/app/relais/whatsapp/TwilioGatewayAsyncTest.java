package app.relais.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous create: many creates in flight from one thread (the provider holds every answer until
 * all of them arrived), each answered with its own message, each sent once; and how a transport failure
 * is classified (never connected: retry later; anything after the request left: reconcile first).
 */
class TwilioGatewayAsyncTest {

    static final String ACCOUNT = TwilioGatewayWireMockTest.ACCOUNT;

    @Test
    void shouldKeepManyCreatesInFlightFromOneThread() throws Exception {
        int creates = 60;
        CountDownLatch allArrived = new CountDownLatch(creates);
        CountDownLatch release = new CountDownLatch(1);
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        List<String> tos = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        // More server threads than creates: the server may block one per request, the client may not.
        server.setExecutor(Executors.newFixedThreadPool(creates + 4));
        server.createContext("/", exchange -> hold(exchange, allArrived, release, bodies, tos));
        server.start();
        try {
            TwilioGateway gateway = new TwilioGateway(new TwilioGateway.Settings(ACCOUNT, "secret-token",
                    "http://127.0.0.1:" + server.getAddress().getPort(), "+14155238886", null, "https://relais.example.org",
                    Duration.ofSeconds(5), Duration.ofSeconds(30), 8), null, creates);
            List<CompletableFuture<SendOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                outcomes.add(gateway.sendAsync(new OutboundMessage(UUID.randomUUID(), "+3361234" + String.format("%04d", i),
                        "Bonjour " + i, null, null)));
            }
            // Every create reached the provider while none was answered: none holds a thread of ours.
            assertTrue(allArrived.await(60, TimeUnit.SECONDS), "creates in flight at once: " + (creates - allArrived.getCount()));
            assertTrue(outcomes.stream().noneMatch(CompletableFuture::isDone));
            release.countDown();
            Set<String> sids = new java.util.HashSet<>();
            for (CompletableFuture<SendOutcome> f : outcomes) {
                SendOutcome.Accepted a = assertInstanceOf(SendOutcome.Accepted.class, f.get(60, TimeUnit.SECONDS));
                sids.add(a.sid());
                assertEquals("queued", a.status());
            }
            assertEquals(creates, sids.size());
            assertEquals(creates, tos.size(), "each create sent once");
            assertEquals(creates, new java.util.HashSet<>(tos).size());
            assertTrue(bodies.contains("Bonjour 7"));
        } finally {
            server.stop(0);
        }
    }

    private static void hold(HttpExchange exchange, CountDownLatch arrived, CountDownLatch release, Set<String> bodies,
            List<String> tos) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        java.util.Map<String, String> params = new java.util.HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        tos.add(params.get("To"));
        bodies.add(params.get("Body"));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        arrived.countDown();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean authorized = ("Basic " + java.util.Base64.getEncoder().encodeToString(
                (ACCOUNT + ":secret-token").getBytes(StandardCharsets.UTF_8))).equals(auth);
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        byte[] answer = (authorized ? TwilioGatewayWireMockTest.created(sid).replace("+33612345678", params.get("To"))
                : TwilioGatewayWireMockTest.twilioError(20003, 401)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(authorized ? 201 : 401, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    void shouldRetryLaterOnlyWhatNeverLeft() {
        assertInstanceOf(SendOutcome.Transient.class, TwilioErrorCatalog.classifyTransport(
                new CompletionException(new RelaisTwilioHttpClient.NotSent(new TimeoutException("pool")))));
        assertInstanceOf(SendOutcome.Transient.class, TwilioErrorCatalog.classifyTransport(
                new CompletionException(new IOException("connect", new ConnectException("Connection refused")))));
        // The request may have reached Twilio: reconcile before any resend.
        assertInstanceOf(SendOutcome.Unknown.class, TwilioErrorCatalog.classifyTransport(
                new CompletionException(new TimeoutException("The timeout period of 30000ms has been exceeded"))));
        assertInstanceOf(SendOutcome.Unknown.class, TwilioErrorCatalog.classifyTransport(new IOException("Connection was closed")));
        assertInstanceOf(SendOutcome.Unknown.class, TwilioErrorCatalog.classifyTransport(new IllegalStateException("?")));
    }

    @Test
    void shouldReadTheAnswerWithTheSdk() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals("SM" + "e".repeat(32), TwilioGateway.read(new com.twilio.http.Response(
                TwilioGatewayWireMockTest.created("SM" + "e".repeat(32)), 201), mapper).getSid());
        com.twilio.exception.ApiException error = org.junit.jupiter.api.Assertions.assertThrows(
                com.twilio.exception.ApiException.class, () -> TwilioGateway.read(new com.twilio.http.Response(
                        TwilioGatewayWireMockTest.twilioError(21211, 400), 400), mapper));
        assertEquals(21211, error.getCode());
        assertEquals(400, error.getStatusCode());
        assertInstanceOf(SendOutcome.Permanent.class, TwilioErrorCatalog.classify(error));
        assertInstanceOf(SendOutcome.Transient.class, TwilioErrorCatalog.classify(new com.twilio.exception.ApiException(
                com.twilio.exception.RestException.fromJson(new java.io.ByteArrayInputStream(
                        TwilioGatewayWireMockTest.twilioError(20429, 429).getBytes(StandardCharsets.UTF_8)), mapper))));
    }
}
