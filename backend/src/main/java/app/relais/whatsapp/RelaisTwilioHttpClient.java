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

    public RelaisTwilioHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout, int maxConnections) {
        this.baseUrl = stripTrailingSlash(baseUrl == null || baseUrl.isBlank() ? TWILIO_API : baseUrl);
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
            String content = response.getContent();
            if (content == null || !content.stripLeading().startsWith("{")) {
                String json = "{\"code\":null,\"message\":\"HTTP " + response.getStatusCode()
                        + " without a Twilio error body\",\"more_info\":null,\"status\":" + response.getStatusCode() + "}";
                return new Response(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        response.getStatusCode(), response.getHeaders());
            }
            return new Response(new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                    response.getStatusCode(), response.getHeaders());
        }
        return response;
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
