import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Relais statistics benchmark (run with `java Bench.java`, JDK 17, no dependencies).
 *   java Bench.java http <baseUrl> <secret> <campaignId> <requests>
 *   java Bench.java sse  <baseUrl> <secret> <redisHost:port> <clients> <eventsPerSecond> <seconds>
 */
public class Bench {

    public static void main(String[] args) throws Exception {
        String token = token(args[2]);
        if (args[0].equals("http")) {
            http(args[1], token, args[3], Integer.parseInt(args[4]));
        } else {
            sse(args[1], token, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        }
    }

    static String token(String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        String payload = b64.encodeToString(("{\"iss\":\"https://relais.app\",\"sub\":\"00000000-0000-0000-0000-0000000000bb\","
                + "\"upn\":\"bench@relais.local\",\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    static void http(String base, String token, String campaign, int n) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String[] paths = { "/api/stats/overview?period=today", "/api/stats/overview?period=7d",
                "/api/stats/overview?period=30d", "/api/stats/overview?period=90d", "/api/stats/daily?days=90",
                "/api/stats/status-distribution", "/api/stats/recent-messages", "/api/campaigns/" + campaign + "/stats",
                "/api/monitoring" };
        // Warm-up: 50 rounds over every endpoint first, so that the first endpoint measured does not
        // pay for the server's JIT compilation more than the last one.
        for (int round = 0; round < 50; round++) {
            for (String path : paths) {
                check(client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString()), path);
            }
        }
        for (String path : paths) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                check(client.send(req, HttpResponse.BodyHandlers.ofString()), path);
                micros.add((System.nanoTime() - t) / 1000);
            }
            Collections.sort(micros);
            System.out.printf("%-42s n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n", path, n,
                    micros.get(n / 2) / 1000.0, micros.get((int) (n * 0.95)) / 1000.0, micros.get((int) (n * 0.99)) / 1000.0,
                    micros.get(n - 1) / 1000.0);
        }
    }

    static void check(HttpResponse<String> r, String path) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
    }

    static void sse(String base, String token, String redis, int clients, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        AtomicLong delivered = new AtomicLong();
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        CountDownLatch connected = new CountDownLatch(clients);
        HttpClient http = HttpClient.newHttpClient();
        List<InputStream> streams = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events?access_token=" + token)).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    streams.add(r.body());
                    BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
                    String line;
                    boolean first = true;
                    while ((line = in.readLine()) != null) {
                        if (first) {
                            connected.countDown();
                            first = false;
                        }
                        int at = line.indexOf("\"t\":");
                        if (line.startsWith("data:") && at > 0) {
                            long sentNanos = Long.parseLong(line.substring(at + 4, line.indexOf('}', at)));
                            lags.add((System.nanoTime() - sentNanos) / 1000);
                            delivered.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // closed at the end
                }
            });
            t.setDaemon(true);
            t.start();
        }
        connected.await();
        String[] hp = redis.split(":");
        String script = "local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 't', ARGV[2], 'd', ARGV[3]) "
                + "redis.call('PUBLISH', KEYS[2], id .. '|' .. ARGV[2] .. '|' .. ARGV[3]) return id";
        try (Socket s = new Socket(hp[0], Integer.parseInt(hp[1]))) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            Thread drain = new Thread(() -> {
                byte[] buf = new byte[65536];
                try {
                    while (in.read(buf) >= 0) {
                        // replies are not needed
                    }
                } catch (Exception e) {
                    // socket closed
                }
            });
            drain.setDaemon(true);
            drain.start();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String json = "{\"n\":" + i + ",\"t\":" + System.nanoTime() + "}";
                out.write(resp("EVAL", script, "2", "relais:events:backlog", "relais:events", "10000", "bench", json));
                out.flush();
            }
            System.out.printf("published %d events in %.1f s%n", total, (System.nanoTime() - start) / 1e9);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (delivered.get() < (long) total * clients && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf("clients=%d rate=%d/s events=%d delivered=%d of %d (%.2f%%) lag p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                clients, rate, total, delivered.get(), (long) total * clients, 100.0 * delivered.get() / ((long) total * clients),
                n == 0 ? 0 : sorted.get(n / 2) / 1000.0, n == 0 ? 0 : sorted.get((int) (n * 0.99)) / 1000.0,
                n == 0 ? 0 : sorted.get(n - 1) / 1000.0);
        for (InputStream s : streams) {
            s.close();
        }
    }

    static byte[] resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
