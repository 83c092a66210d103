package app.relais.testsupport;

import app.relais.common.config.DatabaseUrl;
import app.relais.common.embedded.EmbeddedServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * Real servers for the test suite: fresh embedded PostgreSQL and Redis, or, when DATABASE_URL /
 * REDIS_URL are set, those servers (a new database of its own on that PostgreSQL; Redis database 15
 * is flushed). Started once per JVM and shared by every @QuarkusTest, so the app boots once.
 */
public class RelaisTestResources implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static String jdbcUrl;
    private static String dbUser = "postgres";
    private static String dbPassword = "";
    private static String redisUrl;

    @Override
    public synchronized Map<String, String> start() {
        if (jdbcUrl == null) {
            startDatabase();
        }
        if (redisUrl == null) {
            startRedis();
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", dbUser);
        config.put("quarkus.datasource.password", dbPassword);
        config.put("quarkus.redis.hosts", redisUrl);
        return config;
    }

    private static void startDatabase() {
        String external = System.getenv("DATABASE_URL");
        if (external != null && !external.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(external);
            String name = "relais_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(), parsed.username(), parsed.password());
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the test database on DATABASE_URL: " + e.getMessage(), e);
            }
            String base = parsed.jdbcUrl();
            int slash = base.indexOf('/', "jdbc:postgresql://".length());
            int query = base.indexOf('?');
            jdbcUrl = base.substring(0, slash + 1) + name + (query > 0 ? base.substring(query) : "");
            dbUser = parsed.username();
            dbPassword = parsed.password() == null ? "" : parsed.password();
        } else {
            postgres = EmbeddedServers.startPostgres(null, 0);
            jdbcUrl = EmbeddedServers.jdbcUrl(postgres, EmbeddedServers.DATABASE);
        }
    }

    private static void startRedis() {
        String external = System.getenv("REDIS_URL");
        if (external != null && !external.isBlank()) {
            redisUrl = external.replaceAll("/\\d+$", "") + "/15";
            return;
        }
        redisPort = EmbeddedServers.freePort();
        redis = EmbeddedServers.startRedis(redisPort, null);
        redisUrl = "redis://localhost:" + redisPort;
    }

    @Override
    public void stop() {
        // The servers live as long as the JVM: Quarkus may restart the app for another test profile.
    }

    public static String jdbcUrl() {
        return jdbcUrl;
    }

    public static String dbUser() {
        return dbUser;
    }

    public static String dbPassword() {
        return dbPassword;
    }

    public static String redisUrl() {
        return redisUrl;
    }

    /** The embedded Redis, for tests that stop and restart it; null when REDIS_URL names a server. */
    public static RedisServer embeddedRedis() {
        return redis;
    }

    /** The embedded PostgreSQL, for tests that stop and restart it; null when DATABASE_URL names a server. */
    public static EmbeddedPostgres embeddedPostgres() {
        return postgres;
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (redis != null && redis.isActive()) {
                    redis.stop();
                }
                if (postgres != null) {
                    postgres.close();
                }
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
    }
}
