import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal fake of Twilio's Messages API for the engine benchmark, one file, JDK only:
 *
 *   java bench/engine/FakeTwilio.java <port> <latencyMs> <jitterMs> [--callbacks <authToken>] [--statuses]
 *
 * POST /2010-04-01/Accounts/{sid}/Messages.json (HTTP Basic, user = the account SID in the path)
 * answers 201 with a Twilio-shaped message (sid SM + 32 hex, status queued) after latencyMs + a uniform
 * 0..jitterMs; the wait is a scheduled task, no thread sleeps per request. Creates are counted per To:
 * a second create to the same To is a duplicate. GET /stats answers {"total":..,"duplicates":..,...}.
 * GET .../Messages.json (list, the reconciler's search) answers the message created for that To, if
 * any; GET .../Messages/{sid}.json answers it or 404. Status callbacks are off by default (the engine
 * benchmark measures dispatch); with --callbacks each create is followed by signed sent, delivered and
 * read callbacks to its StatusCallback URL, as Twilio does.
 *
 * With --statuses (the status repair benchmark, bench/recovery) a message moves on with time as at
 * Twilio, whether or not a callback tells anyone: queued, sent after 1 s (its date_sent), delivered after
 * 2 s, read after 3 s. Fetch answers the current status; the list filtered by DateSent (DateSent>=…)
 * answers every message sent since then, newest first, PageSize up to 1,000, paged with a PageToken in
 * next_page_uri as Twilio pages; a page takes 200 ms + 1.3 ms per message (≈ 1.5 s for 1,000). /stats
 * counts fetches, list pages and listed messages.
 */
public final class FakeTwilio {

    private static final Pattern CREATE = Pattern.compile("^/2010-04-01/Accounts/(AC[0-9a-zA-Z]+)/Messages\\.json$");
    private static final Pattern FETCH = Pattern.compile("^/2010-04-01/Accounts/(AC[0-9a-zA-Z]+)/Messages/(SM[0-9a-f]{32})\\.json$");
    private static final DateTimeFormatter RFC2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    /** One To address: how many creates it received, and the last message (for fetch and list). */
    private static final class Recipient {
        final AtomicLong creates = new AtomicLong();
        volatile Msg last;
    }

    /** One created message; its JSON is rendered when asked (its status depends on its age with --statuses). */
    private record Msg(String account, String sid, String to, String from, String body, long createdMs) {
    }

    private static final Map<String, Recipient> BY_TO = new ConcurrentHashMap<>();
    private static final Map<String, Msg> BY_SID = new ConcurrentHashMap<>();
    /** Every message in creation order (the DateSent list reads it backwards: newest first). */
    private static final java.util.List<Msg> ALL = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private static final AtomicLong FETCHES = new AtomicLong();
    private static final AtomicLong LIST_PAGES = new AtomicLong();
    private static final AtomicLong LISTED = new AtomicLong();
    private static boolean statuses;
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong DUPLICATES = new AtomicLong();
    private static final AtomicLong CALLBACKS = new AtomicLong();
    private static final AtomicLong CALLBACK_ERRORS = new AtomicLong();

    private static int latencyMs;
    private static int jitterMs;
    private static String callbackToken;
    private static ScheduledExecutorService timer;
    private static HttpClient callbacks;
    /**
     * Callbacks in flight at once, as a sender of webhooks keeps a bounded pool of connections (Twilio
     * does not open one connection per callback). Due callbacks beyond it wait in CALLBACK_QUEUE; the
     * webhook's latency counts from the request, the lag from when the callback was due.
     */
    private static int callbackConcurrency = 64;
    private static java.util.concurrent.Semaphore callbackPermits;
    private static final java.util.concurrent.ConcurrentLinkedQueue<Runnable> CALLBACK_QUEUE = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java FakeTwilio.java <port> <latencyMs> <jitterMs> [--callbacks <authToken>]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        latencyMs = Integer.parseInt(args[1]);
        jitterMs = Integer.parseInt(args[2]);
        for (int i = 3; i < args.length; i++) {
            if ("--callbacks".equals(args[i]) && i + 1 < args.length) {
                callbackToken = args[++i];
                callbacks = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
            } else if ("--callback-concurrency".equals(args[i]) && i + 1 < args.length) {
                callbackConcurrency = Integer.parseInt(args[++i]);
            } else if ("--statuses".equals(args[i])) {
                statuses = true;
            }
        }
        callbackPermits = new java.util.concurrent.Semaphore(callbackConcurrency);
        // Keep many keep-alive connections from a pool of senders (the JDK keeps 200 by default).
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-twilio-timer");
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", FakeTwilio::handle);
        server.start();
        System.out.println("FakeTwilio on http://127.0.0.1:" + port + " latency " + latencyMs + "+0.." + jitterMs
                + " ms, callbacks " + (callbackToken != null ? "on" : "off"));
    }

    private static void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if ("GET".equals(method) && "/stats".equals(path)) {
                respond(ex, 200, "{\"total\":" + TOTAL.get() + ",\"duplicates\":" + DUPLICATES.get() + ",\"recipients\":"
                        + BY_TO.size() + ",\"callbacks\":" + CALLBACKS.get() + ",\"callbackErrors\":" + CALLBACK_ERRORS.get()
                        + ",\"webhookP50Ms\":" + webhookPercentile(WEBHOOK_MS, 0.50) + ",\"webhookP99Ms\":" + webhookPercentile(WEBHOOK_MS, 0.99)
                        + ",\"callbackLagP50Ms\":" + webhookPercentile(LAG_MS, 0.50) + ",\"callbackLagP99Ms\":" + webhookPercentile(LAG_MS, 0.99)
                        + ",\"callbacksWaiting\":" + CALLBACK_QUEUE.size()
                        + ",\"fetches\":" + FETCHES.get() + ",\"listPages\":" + LIST_PAGES.get() + ",\"listed\":" + LISTED.get() + "}");
                return;
            }
            Matcher create = CREATE.matcher(path);
            Matcher fetch = FETCH.matcher(path);
            String account = create.matches() ? create.group(1) : fetch.matches() ? fetch.group(1) : null;
            if (account == null) {
                error(ex, 404, 20404, "The requested resource " + path + " was not found");
                return;
            }
            if (!authorized(ex, account)) {
                error(ex, 401, 20003, "Authenticate");
                return;
            }
            if (fetch.matches()) {
                FETCHES.incrementAndGet();
                Msg m = BY_SID.get(fetch.group(2));
                if (m == null) {
                    error(ex, 404, 20404, "The requested resource " + path + " was not found");
                } else {
                    respond(ex, 200, json(m, System.currentTimeMillis()));
                }
                return;
            }
            if ("GET".equals(method)) {
                list(ex, account, path);
                return;
            }
            if (!"POST".equals(method)) {
                error(ex, 405, 20004, "Method not allowed");
                return;
            }
            create(ex, account);
        } catch (RuntimeException e) {
            error(ex, 500, 20500, "Internal error: " + e);
        }
    }

    private static void create(HttpExchange ex, String account) throws IOException {
        Map<String, String> form = parseForm(readBody(ex));
        String to = form.get("To");
        String from = form.get("From") != null ? form.get("From") : form.get("MessagingServiceSid");
        if (to == null || to.isBlank()) {
            error(ex, 400, 21604, "A 'To' phone number is required.");
            return;
        }
        String sid = "SM" + hex32();
        Msg msg = new Msg(account, sid, to, from, form.get("Body"), System.currentTimeMillis());
        String json = json(msg, msg.createdMs());
        Recipient r = BY_TO.computeIfAbsent(to, k -> new Recipient());
        if (r.creates.incrementAndGet() > 1) {
            DUPLICATES.incrementAndGet();
        }
        r.last = msg;
        BY_SID.put(sid, msg);
        ALL.add(msg);
        TOTAL.incrementAndGet();
        long delay = latencyMs + (jitterMs > 0 ? ThreadLocalRandom.current().nextInt(jitterMs + 1) : 0);
        timer.schedule(() -> {
            try {
                respond(ex, 201, json);
            } catch (IOException | RuntimeException e) {
                ex.close();
            }
            String callback = form.get("StatusCallback");
            if (callbackToken != null && callback != null) {
                callback(callback, account, sid, to, from, "sent", 0);
                callback(callback, account, sid, to, from, "delivered", 50);
                callback(callback, account, sid, to, from, "read", 100);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static void list(HttpExchange ex, String account, String path) throws IOException {
        Map<String, String> query = parseForm(ex.getRequestURI().getRawQuery());
        String to = query.get("To");
        if (to == null && query.containsKey("DateSent>")) {
            listSent(ex, path, query);
            return;
        }
        Recipient r = to == null ? null : BY_TO.get(to);
        String items = r == null || r.last == null ? "" : json(r.last, System.currentTimeMillis());
        respond(ex, 200, "{\"messages\":[" + items + "],\"end\":" + (items.isEmpty() ? 0 : 1) + ",\"first_page_uri\":\"" + path
                + "?PageSize=50&Page=0\",\"next_page_uri\":null,\"previous_page_uri\":null,\"page\":0,\"page_size\":50,\"start\":0,\"uri\":\""
                + path + "?PageSize=50&Page=0\"}");
    }

    /** Messages sent at or after DateSent>, newest first, a page at a time after the PageToken's message. */
    private static void listSent(HttpExchange ex, String path, Map<String, String> query) {
        String since = query.get("DateSent>");
        long sinceMs = since.length() == 10 ? java.time.LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                : java.time.Instant.parse(since.endsWith("Z") ? since : since + "Z").toEpochMilli();
        int size = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("PageSize", "50"))));
        int page = Integer.parseInt(query.getOrDefault("Page", "0"));
        String token = query.get("PageToken");
        long now = System.currentTimeMillis();
        int from;
        synchronized (ALL) {
            from = token != null && token.startsWith("PA") ? Integer.parseInt(token.substring(2)) - 1 : ALL.size() - 1;
        }
        StringBuilder items = new StringBuilder();
        int n = 0;
        int i = from;
        for (; i >= 0 && n < size; i--) {
            Msg m = ALL.get(i);
            Long sent = sentAt(m, now);
            if (sent == null || sent < sinceMs) {
                if (m.createdMs() + 1000 < sinceMs) {
                    i = -1; // older than the window: the end of the list
                    break;
                }
                continue;
            }
            if (n++ > 0) {
                items.append(',');
            }
            items.append(json(m, now));
        }
        int last = i + 1; // the index of the last message shown
        boolean more = i >= 0;
        String filters = "&DateSent%3E=" + URLEncoder.encode(since, StandardCharsets.UTF_8);
        String body = "{\"messages\":[" + items + "],\"end\":" + ((long) page * size + n - 1) + ",\"first_page_uri\":\"" + path
                + "?PageSize=" + size + "&Page=0" + filters + "\",\"next_page_uri\":"
                + (more ? "\"" + path + "?PageSize=" + size + "&Page=" + (page + 1) + "&PageToken=PA" + last + filters + "\"" : "null")
                + ",\"previous_page_uri\":null,\"page\":" + page + ",\"page_size\":" + size + ",\"start\":" + ((long) page * size)
                + ",\"uri\":\"" + path + "?PageSize=" + size + "&Page=" + page + filters + "\"}";
        LIST_PAGES.incrementAndGet();
        LISTED.addAndGet(n);
        timer.schedule(() -> {
            try {
                respond(ex, 200, body);
            } catch (IOException | RuntimeException e) {
                ex.close();
            }
        }, 200 + (long) (n * 1.3), TimeUnit.MILLISECONDS);
    }

    /** When the message was sent (null: not yet): 1 s after its create with --statuses, never without. */
    private static Long sentAt(Msg m, long now) {
        return statuses && now >= m.createdMs() + 1000 ? m.createdMs() + 1000 : null;
    }

    private static String json(Msg m, long now) {
        long age = now - m.createdMs();
        String status = !statuses || age < 1000 ? "queued" : age < 2000 ? "sent" : age < 3000 ? "delivered" : "read";
        Long sent = sentAt(m, now);
        return message(m.account(), m.sid(), m.to(), m.from(), m.body(),
                RFC2822.format(java.time.Instant.ofEpochMilli(m.createdMs()).atZone(ZoneOffset.UTC)),
                sent == null ? null : RFC2822.format(java.time.Instant.ofEpochMilli(sent).atZone(ZoneOffset.UTC)), status);
    }

    private static boolean authorized(HttpExchange ex, String account) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(0, colon).equals(account) && colon < decoded.length() - 1;
    }

    /** Accepted callbacks by answer time, 1 ms buckets (the webhook's latency as Twilio would see it). */
    private static final java.util.concurrent.atomic.AtomicLongArray WEBHOOK_MS = new java.util.concurrent.atomic.AtomicLongArray(10_001);
    /** Accepted callbacks by lag: from when the callback was due to its answer (queue wait included). */
    private static final java.util.concurrent.atomic.AtomicLongArray LAG_MS = new java.util.concurrent.atomic.AtomicLongArray(60_001);

    private static int webhookPercentile(java.util.concurrent.atomic.AtomicLongArray buckets, double q) {
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.get(i);
        }
        long rank = (long) Math.ceil(total * q);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (total > 0 && seen >= rank) {
                return i;
            }
        }
        return -1;
    }

    private static void callback(String url, String account, String sid, String to, String from, String status, long delayMs) {
        timer.schedule(() -> {
            long dueAt = System.nanoTime();
            CALLBACK_QUEUE.add(() -> sendCallback(url, account, sid, to, from, status, dueAt));
            pumpCallbacks();
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Starts waiting callbacks while permits are free; each completion frees its permit and pumps again. */
    private static void pumpCallbacks() {
        while (!CALLBACK_QUEUE.isEmpty() && callbackPermits.tryAcquire()) {
            Runnable next = CALLBACK_QUEUE.poll();
            if (next == null) {
                callbackPermits.release();
                return;
            }
            next.run();
        }
    }

    private static void sendCallback(String url, String account, String sid, String to, String from, String status, long dueAt) {
        Map<String, String> params = new TreeMap<>();
        params.put("AccountSid", account);
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("To", to);
        if (from != null) {
            params.put("From", from);
        }
        StringBuilder signed = new StringBuilder(url);
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> {
            signed.append(k).append(v);
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", sign(signed.toString()))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long sentAt = System.nanoTime();
        callbacks.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            long now = System.nanoTime();
            if (err == null && resp.statusCode() < 300) {
                CALLBACKS.incrementAndGet();
                WEBHOOK_MS.incrementAndGet((int) Math.min(WEBHOOK_MS.length() - 1, (now - sentAt) / 1_000_000));
                LAG_MS.incrementAndGet((int) Math.min(LAG_MS.length() - 1, (now - dueAt) / 1_000_000));
            } else {
                CALLBACK_ERRORS.incrementAndGet();
            }
            callbackPermits.release();
            pumpCallbacks();
        });
    }

    private static String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(callbackToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(String account, String sid, String to, String from, String body, String created,
            String sent, String status) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("account_sid", account);
        f.put("api_version", "2010-04-01");
        f.put("body", body);
        f.put("date_created", created);
        f.put("date_updated", sent == null ? created : sent);
        f.put("date_sent", sent);
        f.put("direction", "outbound-api");
        f.put("error_code", null);
        f.put("error_message", null);
        f.put("from", from);
        f.put("messaging_service_sid", null);
        f.put("num_media", "0");
        f.put("num_segments", "1");
        f.put("price", null);
        f.put("price_unit", "USD");
        f.put("sid", sid);
        f.put("status", status);
        f.put("to", to);
        f.put("uri", "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json");
        StringBuilder sb = new StringBuilder("{");
        f.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(k).append("\":").append(v == null ? "null" : quote(v));
        });
        sb.append(",\"subresource_uris\":{\"media\":\"/2010-04-01/Accounts/").append(account).append("/Messages/").append(sid)
                .append("/Media.json\"}}");
        return sb.toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String hex32() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    private static String readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> parseForm(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static void error(HttpExchange ex, int status, int code, String message) throws IOException {
        respond(ex, status, "{\"code\":" + code + ",\"message\":" + quote(message) + ",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}");
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
