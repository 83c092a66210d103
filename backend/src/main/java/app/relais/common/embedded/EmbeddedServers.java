package app.relais.common.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis servers started from Maven artifacts that ship their binaries: the
 * zero-configuration default of {@code start_backend.sh} and the servers of the test suite.
 *
 * <p>A crash of the JVM (kill -9, the OOM killer, a power cut of the terminal) must not leave them
 * behind for the next start to trip over: a data folder is held by one JVM at a time ({@link
 * #lockDataFolder}); servers a dead JVM left running on it are stopped before new ones start (their pid
 * files: PostgreSQL's postmaster.pid, Redis's redis.pid), so there is never a second postmaster on one
 * folder; and a small watchdog process stops them within about a second of their JVM's death
 * ({@link #watch}).
 */
public final class EmbeddedServers {

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);

    public static final String DATABASE = "relais";
    static final String REDIS_PID_FILE = "redis.pid";
    static final String POSTMASTER_PID_FILE = "postmaster.pid";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private EmbeddedServers() {
    }

    /**
     * Starts PostgreSQL. With a data directory the data survives restarts (fsync on, the user's data);
     * without one a throw-away cluster is made (fsync off, for tests).
     */
    public static EmbeddedPostgres startPostgres(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                stopStalePostgres(dataDirectory);
                builder.setDataDirectory(dataDirectory.toAbsolutePath())
                        .setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            builder.setServerConfig("max_connections", "200")
                    // A launch writes 100,000 message rows (≈ 100 MB of WAL) in one transaction: with the default
                    // 4 MB of WAL buffers the backend keeps flushing them itself (≈ 0.2 s of a 3.5 s launch).
                    .setServerConfig("wal_buffers", "32MB");
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfMissing(postgres, DATABASE);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public static String jdbcUrl(EmbeddedPostgres postgres, String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Starts Redis on the given port (0: a free one). Nothing in Redis is the only copy of anything. */
    public static RedisServer startRedis(int port, Path workDirectory) {
        try {
            int chosen = port > 0 ? port : freePort();
            var builder = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true);
            if (workDirectory != null) {
                Files.createDirectories(workDirectory);
                stopStaleRedis(workDirectory);
                builder.setting("dir " + workDirectory.toAbsolutePath())
                        .setting("pidfile " + workDirectory.resolve(REDIS_PID_FILE).toAbsolutePath());
            }
            RedisServer server = builder.build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Redis: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the data folder for this JVM: an OS lock on {@code relais.lock}, held until the process ends
     * (the kernel releases it even after kill -9). Throws when another live process holds it: two
     * backends must not start servers on one folder.
     */
    public static FileLock lockDataFolder(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            Path file = dataDirectory.resolve("relais.lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("the data folder " + dataDirectory.toAbsolutePath()
                        + " is in use by another Relais process" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + ": stop it, or give this one its own RELAIS_DATA_DIR");
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data folder " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** The PostgreSQL server a dead JVM left on this folder, if any: stopped (fast shutdown), then waited for. */
    static void stopStalePostgres(Path dataDirectory) {
        stale(dataDirectory.resolve(POSTMASTER_PID_FILE), "postgres").ifPresent(p -> {
            LOG.warnf("A PostgreSQL server (pid %d) left running on %s by a previous run: stopping it", p.pid(),
                    dataDirectory.toAbsolutePath());
            stop(p, "INT");
        });
    }

    /** The Redis server a dead JVM left with this work folder, if any: stopped, then waited for. */
    static void stopStaleRedis(Path workDirectory) {
        stale(workDirectory.resolve(REDIS_PID_FILE), "redis").ifPresent(p -> {
            LOG.warnf("A Redis server (pid %d) left running by a previous run: stopping it", p.pid());
            stop(p, "TERM");
        });
    }

    /** The live process a pid file names, if it is the kind of server named (a pid can be reused). */
    static Optional<ProcessHandle> stale(Path pidFile, String program) {
        long pid = pidIn(pidFile);
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.toLowerCase(Locale.ROOT).contains(program)).orElse(true));
    }

    /** The pid on the first line of a pid file; 0 when there is none. */
    static long pidIn(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return 0;
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Asks a server to stop with a signal (its clean shutdown), then forces it; returns once it and its children are gone. */
    private static void stop(ProcessHandle server, String signal) {
        List<ProcessHandle> children = server.descendants().toList();
        if (!signal(server.pid(), signal)) {
            server.destroy();
        }
        if (!awaitExit(server, STOP_WAIT)) {
            server.destroyForcibly();
            awaitExit(server, Duration.ofSeconds(10));
        }
        for (ProcessHandle child : children) {
            if (!awaitExit(child, Duration.ofSeconds(10))) {
                child.destroyForcibly();
            }
        }
    }

    private static boolean signal(long pid, String signal) {
        if (windows()) {
            return false;
        }
        try {
            return new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !p.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * Starts a watchdog: a small shell process that checks every second whether this JVM is still alive
     * and, once it is gone (killed -9: no shutdown hook ran), stops the PostgreSQL server of
     * {@code postgresData} and the Redis server of {@code redisWork} (each only if its pid file still
     * names the pid it had at start). It ignores the terminal's signals (Ctrl-C reaches the whole process
     * group), so it outlives the JVM. Empty on Windows (no POSIX shell): there the next start stops what
     * was left behind.
     */
    public static Optional<Process> watch(Path postgresData, Path redisWork) {
        return watch(ProcessHandle.current().pid(), postgresData, redisWork);
    }

    /** {@link #watch(Path, Path)} on behalf of the process {@code ownerPid}. */
    static Optional<Process> watch(long ownerPid, Path postgresData, Path redisWork) {
        if (windows()) {
            return Optional.empty();
        }
        long pg = postgresData == null ? 0 : pidIn(postgresData.resolve(POSTMASTER_PID_FILE));
        long redis = redisWork == null ? 0 : pidIn(redisWork.resolve(REDIS_PID_FILE));
        if (pg <= 0 && redis <= 0) {
            return Optional.empty();
        }
        String script = """
                trap '' INT HUP TERM QUIT
                while kill -0 "$1" 2>/dev/null; do sleep 1; done
                if [ "$2" -gt 0 ] && [ -f "$3" ] && [ "$(head -n 1 "$3" | tr -d '[:space:]')" = "$2" ]; then kill -INT "$2"; fi
                if [ "$4" -gt 0 ] && [ -f "$5" ] && [ "$(head -n 1 "$5" | tr -d '[:space:]')" = "$4" ]; then kill -TERM "$4"; fi
                """;
        try {
            Process p = new ProcessBuilder("sh", "-c", script, "relais-watchdog", String.valueOf(ownerPid),
                    String.valueOf(pg), postgresData == null ? "" : postgresData.resolve(POSTMASTER_PID_FILE).toAbsolutePath().toString(),
                    String.valueOf(redis), redisWork == null ? "" : redisWork.resolve(REDIS_PID_FILE).toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return Optional.of(p);
        } catch (IOException e) {
            LOG.warnf("No watchdog for the embedded servers (%s): a crash may leave them running until the next start",
                    e.getMessage());
            return Optional.empty();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
