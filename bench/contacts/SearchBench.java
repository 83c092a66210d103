import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /api/contacts at N concurrent clients over a mix of searches and filters; prints p50/p95/p99 overall
 * and per kind. Closed loop: each client sends its next request when the previous one answered, after an
 * optional think time (0 = as fast as possible). Usage:
 *   java SearchBench.java <baseUrl> <email> <password> <clients> <seconds> <thinkMs> [warmupSeconds]
 */
public class SearchBench {

    static final String[] LAST = { "Martin", "Bernard", "Dubois", "Durand", "Dupont", "Moreau", "Lefebvre", "Garcia",
            "Hounkpatin", "Agbodjan", "Adjovi", "Dossou", "Zinsou", "Gbaguidi", "Amoussou", "Kpadonou", "Tossou" };
    static final String[] FIRST = { "Zoé", "Lucas", "Emma", "Hugo", "Koffi", "Aïcha", "Fatou", "Moussa", "Romaric",
            "Edwige", "Sènan", "Prudence" };

    record Sample(String kind, long nanos, int status) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        long thinkMs = Long.parseLong(args[5]);
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + args[1] + "\",\"password\":\"" + args[2] + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(login);
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + login);
        }
        String token = m.group(1);
        String cats = http.send(HttpRequest.newBuilder(URI.create(base + "/api/categories?size=200&q=Bench"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> big = new ArrayList<>();
        List<String> small = new ArrayList<>();
        Matcher cm = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"\\s*,\\s*\"name\"\\s*:\\s*\"(Bench [^\"]+)\"").matcher(cats);
        while (cm.find()) {
            if (cm.group(2).matches("Bench [0-9]+")) {
                big.add(cm.group(1));
            } else {
                small.add(cm.group(1));
            }
        }
        if (big.isEmpty()) {
            throw new IllegalStateException("no Bench categories: " + cats);
        }
        List<String> vip = small;
        System.out.printf("categories: %d large, %d small%n", big.size(), vip.size());

        if (warmup > 0) {
            run(http, base, token, big, vip, clients, warmup, thinkMs, null);
        }
        List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        run(http, base, token, big, vip, clients, seconds, thinkMs, samples);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        report(samples, elapsed, clients, thinkMs);
    }

    static String query(List<String> big, List<String> vip) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int p = r.nextInt(100);
        if (p < 25) {
            return "name|q=" + enc(LAST[r.nextInt(LAST.length)].toLowerCase());
        } else if (p < 35) {
            return "name+optedOut|q=" + enc(FIRST[r.nextInt(FIRST.length)]) + "&optedOut=false";
        } else if (p < 55) {
            int d = r.nextInt(1_000_000);
            String s = String.format("%06d", d);
            return "digits|q=" + enc(s.substring(0, 2) + " " + s.substring(2, 4) + " " + s.substring(4));
        } else if (p < 65) {
            // A whole national number as typed: "06 12 34 56 78".
            String s = String.format("%08d", r.nextInt(100_000_000));
            return "number|q=" + enc("0" + (6 + r.nextInt(2)) + " " + s.substring(0, 2) + " " + s.substring(2, 4) + " "
                    + s.substring(4, 6) + " " + s.substring(6));
        } else if (p < 80) {
            return "category|categoryId=" + big.get(r.nextInt(big.size()));
        } else if (p < 85 && !vip.isEmpty()) {
            return "smallCategory|categoryId=" + vip.get(r.nextInt(vip.size()));
        } else if (p < 95) {
            return "optedOut|optedOut=true";
        } else {
            return "category+name|categoryId=" + big.get(r.nextInt(big.size())) + "&q="
                    + enc(LAST[r.nextInt(LAST.length)].toLowerCase());
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void run(HttpClient http, String base, String token, List<String> big, List<String> vip, int clients, int seconds,
            long thinkMs, List<Sample> out) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    String[] kq = query(big, vip).split("\\|", 2);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/contacts?" + kq[1]))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
                    long s = System.nanoTime();
                    int status;
                    try {
                        status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - s;
                    if (out != null) {
                        out.add(new Sample(kq[0], took, status));
                    }
                    if (thinkMs > 0) {
                        try {
                            Thread.sleep(ThreadLocalRandom.current().nextLong(thinkMs / 2, thinkMs * 3 / 2 + 1));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    static void report(List<Sample> samples, double elapsed, int clients, long thinkMs) {
        Map<String, List<Long>> byKind = new TreeMap<>();
        long errors = 0;
        List<Long> all = new ArrayList<>();
        for (Sample s : samples) {
            if (s.status() != 200) {
                errors++;
            }
            all.add(s.nanos());
            byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.nanos());
        }
        System.out.printf("clients=%d think=%dms requests=%d errors(non-200)=%d duration=%.1fs throughput=%.0f req/s%n",
                clients, thinkMs, samples.size(), errors, elapsed, samples.size() / elapsed);
        System.out.println("| kind | requests | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        line("**all**", all);
        byKind.forEach(SearchBench::line);
    }

    static void line(String kind, List<Long> nanos) {
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", kind, v.length, pct(v, 50), pct(v, 95), pct(v, 99),
                v[v.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
