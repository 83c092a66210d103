package app.relais;

import app.relais.common.config.DatabaseUrl;
import app.relais.common.config.DotEnv;
import app.relais.common.embedded.EmbeddedServers;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * Entry point. Before Quarkus starts it resolves where PostgreSQL and Redis are: the servers that
 * DATABASE_URL / REDIS_URL name, or, when they are not set (outside production), real servers
 * started from the embedded Maven artifacts with their data under RELAIS_DATA_DIR (.data).
 */
@QuarkusMain
public class RelaisMain {

    private static final Logger LOG = Logger.getLogger(RelaisMain.class);

    public static void main(String... args) {
        Map<String, String> dotEnv = DotEnv.read(Path.of(".env"));
        boolean production = "production".equalsIgnoreCase(DotEnv.lookup(dotEnv, "ENVIRONMENT"));
        Path dataDir = Path.of(orDefault(DotEnv.lookup(dotEnv, "RELAIS_DATA_DIR"), ".data"));

        EmbeddedPostgres postgres = null;
        RedisServer redis = null;
        Process watchdog = null;
        try {
            String databaseUrl = DotEnv.lookup(dotEnv, "DATABASE_URL");
            String redisUrl = DotEnv.lookup(dotEnv, "REDIS_URL");
            if (!production && (databaseUrl == null || redisUrl == null)) {
                // One JVM per data folder; what a crashed one left running there is stopped before the start.
                try {
                    dataFolderLock = EmbeddedServers.lockDataFolder(dataDir);
                } catch (IllegalStateException e) {
                    fail(e.getMessage());
                    return;
                }
            }
            if (databaseUrl != null) {
                DatabaseUrl parsed;
                try {
                    parsed = DatabaseUrl.parse(databaseUrl);
                } catch (IllegalArgumentException e) {
                    fail("DATABASE_URL: " + e.getMessage());
                    return;
                }
                System.setProperty("quarkus.datasource.jdbc.url", parsed.jdbcUrl());
                if (parsed.username() != null) {
                    System.setProperty("quarkus.datasource.username", parsed.username());
                }
                if (parsed.password() != null) {
                    System.setProperty("quarkus.datasource.password", parsed.password());
                }
            } else if (production) {
                fail("DATABASE_URL is required in production (postgresql://user:password@host:5432/database)");
                return;
            } else {
                long start = System.nanoTime();
                int port = Integer.parseInt(orDefault(DotEnv.lookup(dotEnv, "EMBEDDED_POSTGRES_PORT"), "0"));
                postgres = EmbeddedServers.startPostgres(dataDir.resolve("postgres"), port);
                System.setProperty("quarkus.datasource.jdbc.url", EmbeddedServers.jdbcUrl(postgres, EmbeddedServers.DATABASE));
                System.setProperty("quarkus.datasource.username", "postgres");
                System.setProperty("quarkus.datasource.password", "");
                LOG.infof("Embedded PostgreSQL started on port %d in %d ms (data in %s)", postgres.getPort(),
                        (System.nanoTime() - start) / 1_000_000, dataDir.resolve("postgres").toAbsolutePath());
            }

            if (redisUrl != null) {
                System.setProperty("quarkus.redis.hosts", redisUrl);
            } else if (production) {
                fail("REDIS_URL is required in production (redis://host:6379)");
                return;
            } else {
                int port = Integer.parseInt(orDefault(DotEnv.lookup(dotEnv, "EMBEDDED_REDIS_PORT"), "0"));
                if (port == 0) {
                    port = EmbeddedServers.freePort();
                }
                redis = EmbeddedServers.startRedis(port, dataDir.resolve("redis"));
                System.setProperty("quarkus.redis.hosts", "redis://localhost:" + port);
                LOG.infof("Embedded Redis started on port %d", port);
            }

            if (postgres != null || redis != null) {
                watchdog = EmbeddedServers.watch(postgres == null ? null : dataDir.resolve("postgres"),
                        redis == null ? null : dataDir.resolve("redis")).orElse(null);
            }
            EmbeddedPostgres pg = postgres;
            RedisServer rs = redis;
            Process wd = watchdog;
            Quarkus.run(null, (exitCode, failure) -> {
                stopQuietly(pg, rs, wd);
                if (failure != null) {
                    LOG.error("Relais could not start: " + failure.getMessage(), failure);
                }
                System.exit(exitCode);
            }, args);
        } finally {
            stopQuietly(postgres, redis, watchdog);
        }
    }

    /** Held for the life of the JVM (released by the kernel when it dies, however it dies). */
    @SuppressWarnings("unused")
    private static java.nio.channels.FileLock dataFolderLock;

    private static void stopQuietly(EmbeddedPostgres postgres, RedisServer redis, Process watchdog) {
        if (watchdog != null) {
            watchdog.destroyForcibly();
        }
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
        } catch (Exception e) {
            LOG.debug("Embedded Redis stop", e);
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            LOG.debug("Embedded PostgreSQL stop", e);
        }
    }

    private static void fail(String message) {
        System.err.println("Relais cannot start: " + message);
        System.exit(1);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
