package app.relais.whatsapp;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's transport, made fit for message creates: every request goes to the configured base URL
 * (Twilio, the simulator, a test server) instead of https://api.twilio.com, and is sent exactly once —
 * the SDK's default client resends on 5xx, which can deliver a WhatsApp message twice. Connect and read
 * timeouts are bounded. A non-JSON error body (a proxy's HTML 502) is turned into Twilio's error JSON so
 * the SDK keeps the HTTP status in its exception.
 */
public final class RelaisTwilioHttpClient extends HttpClient {

    static final String TWILIO_API = "https://api.twilio.com";

    private final String baseUrl;
    private final NetworkHttpClient delegate;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private volatile java.net.http.HttpClient async;

    public RelaisTwilioHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout, int maxConnections) {
        this.baseUrl = stripTrailingSlash(baseUrl == null || baseUrl.isBlank() ? TWILIO_API : baseUrl);
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        .setSocketTimeout(Timeout.of(readTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setSoTimeout(Timeout.of(readTimeout.toMillis(), TimeUnit.MILLISECONDS)).build())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(connections)
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        .setResponseTimeout(Timeout.of(readTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        .build());
        this.delegate = new NetworkHttpClient(builder);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Once, whatever the status: the caller classifies and decides (see TwilioErrorCatalog). */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        Response response = delegate.makeRequest(rewrite(request));
        if (response.getStatusCode() >= 400) {
            return errorResponse(response.getStatusCode(), response.getContent(), response.getHeaders());
        }
        return response;
    }

    private static Response errorResponse(int status, String content, org.apache.hc.core5.http.Header[] headers) {
        if (content == null || !content.stripLeading().startsWith("{")) {
            String json = "{\"code\":null,\"message\":\"HTTP " + status
                    + " without a Twilio error body\",\"more_info\":null,\"status\":" + status + "}";
            return new Response(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), status, headers);
        }
        return new Response(new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), status, headers);
    }

    /**
     * The same request, sent without holding a thread while the provider answers (the JDK's HttpClient):
     * once, never retried (the JDK client retries only idempotent methods and connects that failed),
     * with the same authentication, form body, base URL rewrite, timeouts and error-body normalisation as
     * {@link #makeRequest}. Completes exceptionally with the transport's IOException (connect refused or
     * timed out, no answer in time, connection closed), which the caller classifies.
     */
    public java.util.concurrent.CompletableFuture<Response> makeRequestAsync(Request original) {
        Request request = rewrite(original);
        java.net.http.HttpRequest.Builder http = java.net.http.HttpRequest.newBuilder(java.net.URI.create(request.constructURL().toString()))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "twilio-java/" + com.twilio.Twilio.VERSION + " relais-async");
        if (request.requiresAuthentication()) {
            http.header("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> http.header(name, v)));
        String form = request.encodeFormBody();
        java.net.http.HttpRequest.BodyPublisher body = form == null || form.isEmpty()
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8);
        if (form != null && !form.isEmpty()) {
            http.header("Content-Type", "application/x-www-form-urlencoded");
        }
        http.method(request.getMethod().toString(), body);
        return asyncClient().sendAsync(http.build(), java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> r.statusCode() >= 400
                        ? errorResponse(r.statusCode(), r.body(), null)
                        : new Response(r.body(), r.statusCode()));
    }

    private java.net.http.HttpClient asyncClient() {
        java.net.http.HttpClient c = async;
        if (c == null) {
            synchronized (this) {
                if (async == null) {
                    // Completions run on two daemon threads (they only hand results over, never block);
                    // HTTP/2 over TLS when the server offers it (one connection carries many creates), else HTTP/1.1.
                    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                        Thread t = new Thread(r, "relais-twilio-http");
                        t.setDaemon(true);
                        return t;
                    });
                    async = java.net.http.HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                            .version(baseUrl.startsWith("https:") ? java.net.http.HttpClient.Version.HTTP_2
                                    : java.net.http.HttpClient.Version.HTTP_1_1)
                            .executor(executor)
                            .build();
                }
                c = async;
            }
        }
        return c;
    }

    Request rewrite(Request original) {
        String url = original.getUrl();
        if (!url.startsWith(TWILIO_API) || TWILIO_API.equals(baseUrl)) {
            return original;
        }
        Request copy = new Request(original.getMethod(), baseUrl + url.substring(TWILIO_API.length()));
        copyParams(original.getQueryParams(), copy::addQueryParam);
        copyParams(original.getPostParams(), copy::addPostParam);
        copyParams(original.getHeaderParams(), copy::addHeaderParam);
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        if (original.getContentType() != null) {
            copy.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        if (original.getUserAgentExtensions() != null) {
            copy.setUserAgentExtensions(original.getUserAgentExtensions());
        }
        return copy;
    }

    private static void copyParams(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        if (params == null) {
            return;
        }
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
