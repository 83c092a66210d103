package app.relais.whatsapp;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's transport, made fit for message creates: every request goes to the configured base URL
 * (Twilio, the simulator, a test server) instead of Twilio's hosts, and is sent exactly once —
 * the SDK's default client resends on 5xx, which can deliver a WhatsApp message twice. Connect and read
 * timeouts are bounded. A non-JSON error body (a proxy's HTML 502) is turned into Twilio's error JSON so
 * the SDK keeps the HTTP status in its exception.
 */
public final class RelaisTwilioHttpClient extends HttpClient {

    static final String TWILIO_API = "https://api.twilio.com";
    /**
     * Any Twilio product host the SDK builds (api, content, messaging…, with or without edge and region:
     * content.dublin.ie1.twilio.com). With a base URL other than Twilio's, each is sent to that base with
     * its path kept: https://content.twilio.com/v1/Content → {base}/v1/Content. The paths of the products
     * Relais calls do not overlap (/2010-04-01/… on api, /v1/Content… on content).
     */
    static final Pattern TWILIO_HOST = Pattern.compile("^https://[a-z0-9-]+(\\.[a-z0-9-]+)*\\.twilio\\.com(?=/|\\?|$)",
            Pattern.CASE_INSENSITIVE);

    private final String baseUrl;
    private final NetworkHttpClient delegate;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final io.vertx.core.Vertx vertx;
    private final int asyncConnections;
    private volatile io.vertx.core.http.HttpClient async;

    public RelaisTwilioHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout, int maxConnections) {
        this(baseUrl, connectTimeout, readTimeout, maxConnections, null, maxConnections);
    }

    /**
     * {@code vertx}: the application's (null: a small one of its own); {@code asyncConnections}: the
     * connections of the asynchronous client, at least the creates the engine keeps in flight.
     */
    public RelaisTwilioHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout, int maxConnections,
            io.vertx.core.Vertx vertx, int asyncConnections) {
        this.vertx = vertx;
        this.asyncConnections = Math.max(1, asyncConnections);
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
     * The same request, sent without holding a thread while the provider answers (Vert.x's HTTP client,
     * on an event loop of its own unless given a Vert.x): once, never retried, with the same authentication, form body,
     * base URL rewrite, timeouts and error-body normalisation as {@link #makeRequest}. Completes
     * exceptionally with {@link NotSent} when no connection could be had (the request never left), with the
     * transport's exception otherwise (no answer in time, connection closed): the caller classifies.
     */
    public java.util.concurrent.CompletableFuture<Response> makeRequestAsync(Request original) {
        Request request = rewrite(original);
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                .add("Accept", "application/json")
                .add("User-Agent", USER_AGENT);
        if (request.requiresAuthentication()) {
            headers.add("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        String form = request.encodeFormBody();
        boolean hasBody = form != null && !form.isEmpty();
        if (hasBody) {
            headers.add("Content-Type", "application/x-www-form-urlencoded");
        }
        io.vertx.core.http.RequestOptions options = new io.vertx.core.http.RequestOptions()
                .setMethod(io.vertx.core.http.HttpMethod.valueOf(request.getMethod().toString()))
                .setAbsoluteURI(request.constructURL().toString())
                .setHeaders(headers)
                .setFollowRedirects(false)
                .setConnectTimeout(connectTimeout.toMillis())
                .setIdleTimeout(readTimeout.toMillis());
        java.util.concurrent.CompletableFuture<Response> done = new java.util.concurrent.CompletableFuture<>();
        asyncClient().request(options).onComplete(acquired -> {
            if (acquired.failed()) {
                done.completeExceptionally(new NotSent(acquired.cause()));
                return;
            }
            io.vertx.core.Future<io.vertx.core.http.HttpClientResponse> sent = hasBody
                    ? acquired.result().send(io.vertx.core.buffer.Buffer.buffer(form, "UTF-8"))
                    : acquired.result().send();
            sent.compose(r -> r.body().map(b -> r.statusCode() >= 400
                    ? errorResponse(r.statusCode(), b.toString(StandardCharsets.UTF_8), null)
                    : new Response(b.toString(StandardCharsets.UTF_8), r.statusCode())))
                    .onComplete(answered -> {
                        if (answered.succeeded()) {
                            done.complete(answered.result());
                        } else {
                            done.completeExceptionally(answered.cause());
                        }
                    });
        });
        return done;
    }

    /** No connection could be had for the request: it never left, the provider cannot have it. */
    public static final class NotSent extends java.io.IOException {
        NotSent(Throwable cause) {
            super("not sent: " + cause, cause);
        }
    }

    private static final String USER_AGENT = "twilio-java/" + com.twilio.Twilio.VERSION + " (relais, vert.x)";
    /** The creates' own Vert.x: one event loop, shared by every gateway of the process (created on first use). */
    private static io.vertx.core.Vertx fallbackVertx;

    private static synchronized io.vertx.core.Vertx fallbackVertx() {
        if (fallbackVertx == null) {
            fallbackVertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        }
        return fallbackVertx;
    }

    private io.vertx.core.http.HttpClient asyncClient() {
        io.vertx.core.http.HttpClient c = async;
        if (c == null) {
            synchronized (this) {
                if (async == null) {
                    io.vertx.core.Vertx v = vertx != null ? vertx : fallbackVertx();
                    // HTTP/1.1 keep-alive, one connection per create in flight, up to the in-flight window;
                    // TLS by the URL's scheme; idle connections closed after 60 s.
                    async = v.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                                    .setKeepAlive(true)
                                    .setKeepAliveTimeout(60)
                                    .setPipelining(false)
                                    .setConnectTimeout((int) connectTimeout.toMillis())
                                    .setTrustAll(false)
                                    .setVerifyHost(true),
                            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(asyncConnections).setMaxWaitQueueSize(-1));
                }
                c = async;
            }
        }
        return c;
    }

    /**
     * The request as it must leave this machine. With Twilio's own base URL, unchanged. With another base
     * (the simulator, a test server), every Twilio host goes to that base, and a URL that is neither a
     * Twilio host nor under the base is refused: a test or the simulator never reaches the internet.
     */
    Request rewrite(Request original) {
        String url = original.getUrl();
        if (TWILIO_API.equals(baseUrl) || url.startsWith(baseUrl + "/")) {
            return original;
        }
        Matcher host = TWILIO_HOST.matcher(url);
        if (!host.find()) {
            throw new ApiConnectionException("Refused to call " + url + ": with TWILIO_API_BASE_URL " + baseUrl
                    + " only Twilio hosts are called, through that base");
        }
        Request copy = new Request(original.getMethod(), baseUrl + url.substring(host.end()));
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
