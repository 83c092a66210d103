package app.relais.delivery;

import app.relais.common.embedded.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import redis.embedded.RedisServer;

/**
 * For the integration tests (*IT): a real PostgreSQL (persistent data directory, so it can be stopped
 * and started again on the same port) and Redis of their own, and backend processes started from the
 * packaged jar with ProcessBuilder, in simulator mode (the in-JVM fake Twilio records every create in
 * simulator_messages, in the shared database), that the test can kill -9 and start again.
 */
final class EngineCluster implements AutoCloseable {

    static final String SECRET = "it-secret-key-0123456789abcdef0123456789abcdef0123";
    static final UUID USER_ID = UUID.fromString("00000000-0000-0000-0000-0000000000e7");

    final Path dir;
    final int pgPort;
    final int redisPort;
    /** A user's install: backends run start_backend.sh with its defaults, the embedded servers in {@link #dataDir()}. */
    final boolean userInstall;
    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private final List<Backend> backends = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    EngineCluster(String name) throws IOException {
        this(name, false);
    }

    /**
     * With {@code userInstall} no servers of the test's own: every backend runs {@code start_backend.sh} as a
     * user would (embedded PostgreSQL and Redis in one data folder, kept between starts).
     */
    EngineCluster(String name, boolean userInstall) throws IOException {
        this.userInstall = userInstall;
        dir = Files.createTempDirectory("relais-it-" + name + "-");
        if (userInstall) {
            pgPort = 0;
            redisPort = 0;
            log("user install: data folder %s", dataDir());
            return;
        }
        pgPort = EmbeddedServers.freePort();
        redisPort = EmbeddedServers.freePort();
        startPostgres();
        redis = EmbeddedServers.startRedis(redisPort, dir.resolve("redis"));
        log("PostgreSQL on %d, Redis on %d, files in %s", pgPort, redisPort, dir);
    }

    static void log(String format, Object... args) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.flush();
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("relais.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Packaged backend not found at " + jar.toAbsolutePath() + " (run mvn verify)");
        }
        return jar;
    }

    void startPostgres() {
        postgres = EmbeddedServers.startPostgres(dir.resolve("postgres"), pgPort);
    }

    void stopPostgres() throws IOException {
        postgres.close();
        postgres = null;
    }

    void flushRedis() throws IOException {
        try (Socket s = new Socket("localhost", redisPort)) {
            OutputStream out = s.getOutputStream();
            out.write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            String reply = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII).trim() : "";
            if (!reply.startsWith("+OK")) {
                throw new IOException("FLUSHALL answered " + reply);
            }
        }
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort() + "/" + EmbeddedServers.DATABASE,
                "postgres", "");
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** The PostgreSQL port: the test's own, or the one the embedded server of the data folder wrote in postmaster.pid. */
    int databasePort() throws SQLException {
        if (!userInstall) {
            return pgPort;
        }
        try {
            List<String> lines = Files.readAllLines(dataDir().resolve("postgres").resolve("postmaster.pid"));
            return Integer.parseInt(lines.get(3).trim());
        } catch (IOException | RuntimeException e) {
            throw new SQLException("no PostgreSQL running in " + dataDir() + ": " + e);
        }
    }

    /** The pid of the data folder's postmaster (0: none). */
    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir().resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    long queryLong(String sql, Object... args) throws SQLException {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String queryString(String sql, Object... args) throws SQLException {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A backend process: the packaged jar with the given system properties (relais.delivery.* and the like). */
    final class Backend {
        final String name;
        final int port = EmbeddedServers.freePort();
        final Map<String, String> properties;
        final Map<String, String> env;
        Process process;
        int starts;

        Backend(String name, Map<String, String> properties, Map<String, String> env) {
            this.name = name;
            this.properties = properties;
            this.env = env;
        }

        Backend start() throws IOException {
            if (userInstall) {
                return startAsUser();
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx192m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("-jar");
            cmd.add(jar().toAbsolutePath().toString());
            Path work = dir.resolve(name);
            Files.createDirectories(work);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("app.log").toFile()));
            Map<String, String> e = pb.environment();
            e.put("DATABASE_URL", "postgresql://postgres@localhost:" + pgPort + "/" + EmbeddedServers.DATABASE);
            e.put("REDIS_URL", "redis://localhost:" + redisPort);
            e.put("PORT", String.valueOf(port));
            e.put("SECRET_KEY", SECRET);
            e.put("ENVIRONMENT", "development");
            e.put("DAILY_MESSAGE_LIMIT", "1000000");
            e.put("INSTANCE_ID", name);
            e.put("RELAIS_AUTH_SEED_USERS", "false"); // no password hashing at each start
            e.remove("TWILIO_ACCOUNT_SID");
            e.remove("TWILIO_AUTH_TOKEN");
            e.putAll(env);
            process = pb.start();
            starts++;
            log("%s started (pid %d, port %d, start #%d)", name, process.pid(), port, starts);
            return this;
        }

        /**
         * ./start_backend.sh with its defaults and the data folder kept between starts. Its settings
         * go in as environment variables (the -D properties become RELAIS_DELIVERY_TICK_INTERVAL and the
         * like); SKIP_BUILD: the jar under test is the one `mvn verify` just packaged.
         */
        private Backend startAsUser() throws IOException {
            Path script = Path.of("..", "start_backend.sh").toAbsolutePath().normalize();
            Path work = dir.resolve(name);
            Files.createDirectories(work);
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("app.log").toFile()));
            Map<String, String> e = pb.environment();
            for (String k : List.of("DATABASE_URL", "REDIS_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "JAVA_OPTS")) {
                e.remove(k);
            }
            e.put("SKIP_BUILD", "1");
            e.put("RELAIS_DATA_DIR", dataDir().toString());
            e.put("PORT", String.valueOf(port));
            e.put("SECRET_KEY", SECRET);
            e.put("DAILY_MESSAGE_LIMIT", "1000000");
            properties.forEach((k, v) -> {
                if (!k.contains("\"")) {
                    e.put(k.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), v);
                }
            });
            e.putAll(env);
            process = pb.start();
            starts++;
            log("%s started with start_backend.sh (pid %d, port %d, start #%d)", name, process.pid(), port, starts);
            return this;
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        /** kill -9. */
        void kill() throws InterruptedException {
            if (alive()) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
                log("%s killed (-9)", name);
            }
        }

        void awaitHealthy(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!alive()) {
                    throw new IllegalStateException(name + " exited during start; see " + dir.resolve(name).resolve("app.log"));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/health/live")))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException ignored) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException(name + " not healthy after " + timeout + "; see " + dir.resolve(name).resolve("app.log"));
        }

        String url(String path) {
            return "http://localhost:" + port + path;
        }

        String appLog() throws IOException {
            Path p = dir.resolve(name).resolve("app.log");
            return Files.exists(p) ? Files.readString(p) : "";
        }
    }

    Backend backend(String name, Map<String, String> properties, Map<String, String> env) {
        Backend b = new Backend(name, properties, env);
        backends.add(b);
        return b;
    }

    /** Engine settings short enough for a test run: quick ticks, reconciliation, pending-claim and repair timeouts. */
    static Map<String, String> fastEngine() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("relais.delivery.tick-interval", "1S");
        p.put("relais.delivery.reconcile-after", "3S");
        p.put("relais.delivery.pending-timeout", "4S");
        p.put("relais.delivery.retry-backoff", "1S,1S,1S,1S,1S");
        p.put("relais.delivery.workers", "16");
        p.put("relais.delivery.failure-rate-threshold", "1.0");
        p.put("relais.simulator.latency-ms", "20");
        p.put("relais.simulator.step-delay-ms", "100");
        p.put("relais.simulator.read-delay-ms", "100");
        // Callbacks lost to a kill are repaired from Twilio's list within seconds (minutes by default).
        p.put("relais.status-poll.after", "5S");
        p.put("relais.status-poll.again-after", "10S");
        p.put("relais.status-poll.every", "3s");
        p.put("relais.status-poll.delayed", "5s"); // after the simulator resumed what the killed JVM was playing
        p.put("quarkus.datasource.jdbc.max-size", "20");
        p.put("quarkus.log.category.\"app.relais\".level", "INFO");
        return p;
    }

    /** The super admin the tests act as, a category and {@code count} contacts (+2299xxxxxxxx) in it. */
    UUID seed(int count) throws SQLException {
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO users (id, email, password_hash, role) VALUES ('" + USER_ID
                    + "', 'it@relais.local', 'x', 'super_admin') ON CONFLICT DO NOTHING");
            UUID category;
            try (ResultSet rs = st.executeQuery("INSERT INTO categories (name) VALUES ('it-" + UUID.randomUUID()
                    + "') RETURNING id")) {
                rs.next();
                category = rs.getObject(1, UUID.class);
            }
            st.execute("INSERT INTO contacts (phone_e164, first_name) SELECT '+2299' || lpad(g::text, 8, '0'), 'C' || g"
                    + " FROM generate_series(1, " + count + ") g ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO category_contacts (category_id, contact_id) SELECT '" + category + "', id FROM contacts"
                    + " WHERE phone_e164 LIKE '+2299%' ON CONFLICT DO NOTHING");
            return category;
        }
    }

    /** An HS256 access token for the seeded super admin, signed with SECRET_KEY as the backend expects. */
    static String token() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(String.format("{\"iss\":\"https://relais.app\",\"sub\":\"%s\","
                + "\"upn\":\"it@relais.local\",\"groups\":[\"super_admin\"],\"exp\":%d,\"iat\":%d}", USER_ID, now + 3600, now)
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + payload + "." + sig;
    }

    HttpResponse<String> post(Backend b, String path, String json) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(b.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json");
        r.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a text campaign to one category and launches it; returns its id. */
    UUID launchCampaign(Backend b, UUID category, String name) throws Exception {
        HttpResponse<String> created = post(b, "/api/campaigns", "{\"name\":\"" + name + "\",\"categoryIds\":[\"" + category
                + "\"],\"message1Body\":\"Bonjour {{first_name}}\"}");
        if (created.statusCode() != 201 && created.statusCode() != 200) {
            throw new IllegalStateException("create campaign: " + created.statusCode() + " " + created.body());
        }
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + created.body());
        }
        UUID id = UUID.fromString(m.group(1));
        HttpResponse<String> launched = post(b, "/api/campaigns/" + id + "/launch", null);
        if (launched.statusCode() / 100 != 2) {
            throw new IllegalStateException("launch: " + launched.statusCode() + " " + launched.body());
        }
        return id;
    }

    /** Phones that received more than one outbound create at the fake Twilio. */
    long duplicatePhones() throws SQLException {
        return queryLong("SELECT count(*) FROM (SELECT phone_e164 FROM simulator_messages WHERE direction = 'outbound-api'"
                + " GROUP BY phone_e164 HAVING count(*) > 1) d");
    }

    /** Message rows not yet in a final state: neither handed to the provider (SID recorded) nor failed for good. */
    long unfinished(UUID campaign) throws SQLException {
        return queryLong("SELECT count(*) FROM messages WHERE campaign_id = ? AND twilio_sid IS NULL"
                + " AND status NOT IN ('failed', 'undelivered')", campaign);
    }

    /** Uploads a CSV to the contacts import; returns the job id. */
    UUID startImport(Backend b, String fileName, byte[] csv) throws Exception {
        String boundary = "relais-it-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(csv);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(b.url("/api/contacts/import")))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("import: " + r.statusCode() + " " + r.body());
        }
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + r.body());
        }
        return UUID.fromString(m.group(1));
    }

    @Override
    public void close() {
        for (Backend b : backends) {
            try {
                b.kill();
                Path log = dir.resolve(b.name).resolve("app.log");
                if (Files.exists(log)) {
                    Path kept = Path.of("target", "it-logs", dir.getFileName() + "-" + b.name + ".log");
                    Files.createDirectories(kept.getParent());
                    Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // the log is a convenience
            }
        }
        if (userInstall) {
            // The last backend was killed -9: its watchdog stops the servers; wait for it before deleting their files.
            long pg = postmasterPid();
            ProcessHandle.of(pg).ifPresent(p -> {
                try {
                    p.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
        } catch (IOException ignored) {
            // best effort
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
        deleteQuietly(dir.toFile());
    }

    private static void deleteQuietly(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteQuietly(c);
            }
        }
        f.delete();
    }
}
