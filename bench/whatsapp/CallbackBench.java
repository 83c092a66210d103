import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fires signed Twilio status callbacks at a running Relais, open loop at a fixed rate (latency measured
 * from each request's scheduled time, so a stall counts against it), then checks that every callback
 * was committed. Usage:
 *   java -cp postgresql.jar CallbackBench.java <baseUrl> <jdbcUrl> <authToken> <messages> <rate/s> <seconds>
 * Seeds <messages> Message 1 rows (one campaign) and sends sent → delivered → read for each, in order
 * per message; stops at <seconds> or when all callbacks are sent.
 */
public class CallbackBench {

    static final String[] STATUSES = { "sent", "delivered", "read" };

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5]);
            case "verify" -> verify(args[1], UUID.fromString(args[2]), Long.parseLong(args[3]));
            default -> openLoop(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
        }
    }

    /** Seeds the rows and writes every signed callback (path, signature, form body) for wrk's script. */
    static void prepare(String base, String jdbc, String token, int messages, String file) throws Exception {
        String[] sids = new String[messages];
        UUID[] ids = new UUID[messages];
        UUID campaign = seed(jdbc, messages, sids, ids);
        try (java.io.PrintWriter out = new java.io.PrintWriter(file, StandardCharsets.UTF_8)) {
            for (String status : STATUSES) {
                for (int i = 0; i < messages; i++) {
                    String[] signed = signed(base, token, sids[i], status, ids[i]);
                    out.println(signed[0] + "\t" + signed[1] + "\t" + signed[2]);
                }
            }
        }
        System.out.println(campaign);
    }

    static void verify(String jdbc, UUID campaign, long answered) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM message_status_events e"
                        + " JOIN messages m ON m.id = e.message_id WHERE m.campaign_id = ?),"
                        + " sent_count, delivered_count, read_count, failed_count FROM campaign_counters(ARRAY[?]::uuid[])")) {
            ps.setObject(1, campaign);
            ps.setObject(2, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.printf("committed events: %d for %d callbacks answered 200 (the last round may wrap and"
                        + " repeat: repeats are duplicates, stored once); campaign counters sent %d, delivered %d,"
                        + " read %d, failed %d%n", rs.getLong(1), answered, rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5));
            }
        }
    }

    static UUID seed(String jdbc, int messages, String[] sids, UUID[] ids) throws Exception {
        UUID campaign;
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "INSERT INTO campaigns (name, status, message1_body) VALUES ('bench " + UUID.randomUUID()
                            + "', 'sending', 'Bonjour') RETURNING id")) {
                rs.next();
                campaign = rs.getObject(1, UUID.class);
            }
            try (PreparedStatement contact = c.prepareStatement(
                    "INSERT INTO contacts (phone_e164) VALUES (?) ON CONFLICT (phone_e164) DO UPDATE SET updated_at = now() RETURNING id");
                    PreparedStatement message = c.prepareStatement("INSERT INTO messages (id, campaign_id, contact_id,"
                            + " kind, direction, body, twilio_sid, status) VALUES (?, ?, ?, 'message_1', 'outbound', 'Bonjour', ?, 'queued')")) {
                long phoneBase = 33_700_000_000L + (System.nanoTime() % 90_000_000L);
                for (int i = 0; i < messages; i++) {
                    contact.setString(1, "+" + (phoneBase + i));
                    UUID contactId;
                    try (ResultSet rs = contact.executeQuery()) {
                        rs.next();
                        contactId = rs.getObject(1, UUID.class);
                    }
                    ids[i] = UUID.randomUUID();
                    sids[i] = "SM" + UUID.randomUUID().toString().replace("-", "");
                    message.setObject(1, ids[i]);
                    message.setObject(2, campaign);
                    message.setObject(3, contactId);
                    message.setString(4, sids[i]);
                    message.addBatch();
                    if (i % 1000 == 999) {
                        message.executeBatch();
                    }
                }
                message.executeBatch();
            }
            c.commit();
        }
        System.err.printf("seeded %d messages in campaign %s%n", messages, campaign);
        return campaign;
    }

    static void openLoop(String base, String jdbc, String token, int messages, int rate, int seconds) throws Exception {
        String[] sids = new String[messages];
        UUID[] ids = new UUID[messages];
        UUID campaign = seed(jdbc, messages, sids, ids);

        String[] statuses = STATUSES;
        int total = messages * statuses.length;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(256);
        long[] latencyMicros = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong firstError = new AtomicLong(-1);

        // Warm-up: 2,000 callbacks for unknown SIDs (stored, matched to nothing), not measured.
        for (int i = 0; i < 2000; i++) {
            send(http, base, token, "SM" + UUID.randomUUID().toString().replace("-", ""), "sent", null);
        }

        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        int submitted = 0;
        // Round by round (all sent, then all delivered, then all read) so one message's statuses are spaced in time.
        for (int round = 0; round < statuses.length; round++) {
            for (int i = 0; i < messages; i++) {
                int k = round * messages + i;
                long scheduled = start + k * intervalNanos;
                if (scheduled > deadline) {
                    break;
                }
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                final String status = statuses[round];
                final int msg = i;
                pool.execute(() -> {
                    int code = send(http, base, token, sids[msg], status, ids[msg]);
                    long micros = (System.nanoTime() - scheduled) / 1000;
                    latencyMicros[k] = micros;
                    if (code != 200) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(-1, code);
                    }
                    done.incrementAndGet();
                });
                submitted++;
            }
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        long[] measured = Arrays.copyOf(latencyMicros, submitted);
        Arrays.sort(measured);
        double seconds_ = elapsed / 1e9;
        System.out.printf("callbacks: %d in %.1f s = %.0f/s (target %d/s), errors: %d (first HTTP %d)%n", submitted,
                seconds_, submitted / seconds_, rate, errors.get(), firstError.get());
        System.out.printf("latency from scheduled time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(measured, 50), pct(measured, 90), pct(measured, 99), measured[measured.length - 1] / 1000.0);

        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM message_status_events e"
                        + " JOIN messages m ON m.id = e.message_id WHERE m.campaign_id = ?),"
                        + " sent_count, delivered_count, read_count, failed_count FROM campaign_counters(ARRAY[?]::uuid[])")) {
            ps.setObject(1, campaign);
            ps.setObject(2, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.printf("committed events: %d of %d answered 200; campaign counters sent %d, delivered %d,"
                        + " read %d, failed %d%n", rs.getLong(1), submitted - errors.get(), rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), rs.getInt(5));
            }
        }
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1000.0;
    }

    /** {path with query, X-Twilio-Signature, form body} of one status callback. */
    static String[] signed(String base, String token, String sid, String status, UUID id) throws Exception {
        Map<String, String> params = new TreeMap<>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("From", "whatsapp:+14155238886");
        params.put("To", "whatsapp:+33612345678");
        params.put("ApiVersion", "2010-04-01");
        params.put("ChannelPrefix", "whatsapp");
        String path = "/api/webhooks/twilio" + (id == null ? "" : "?m=" + id);
        StringBuilder data = new StringBuilder(base + path);
        List<String> form = new ArrayList<>();
        params.forEach((k, v) -> {
            data.append(k).append(v);
            form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        return new String[] { path, signature, String.join("&", form) };
    }

    static int send(HttpClient http, String base, String token, String sid, String status, UUID id) {
        try {
            String[] signed = signed(base, token, sid, status, id);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + signed[0])).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signed[1])
                    .POST(HttpRequest.BodyPublishers.ofString(signed[2])).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
