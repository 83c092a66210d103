package app.relais.common.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * What a crash of the JVM leaves behind (servers whose owner died without stopping them) does not stop
 * the next start on the same data folder, and the watchdog stops the servers once their owner is gone.
 */
class EmbeddedServersTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartOnAFolderWhosePreviousServersWereLeftRunning() throws Exception {
        Path data = dir.resolve("postgres");
        // A JVM starts both servers, writes a row, then is killed -9: its servers are left running.
        Process crashed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ServersThenCrash.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(crashed.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            // the child's log
        }
        assertEquals("ready", line);
        crashed.destroyForcibly();
        crashed.waitFor();
        long leftPid = EmbeddedServers.pidIn(data.resolve(EmbeddedServers.POSTMASTER_PID_FILE));
        long leftRedisPid = EmbeddedServers.pidIn(dir.resolve("redis").resolve(EmbeddedServers.REDIS_PID_FILE));
        assertTrue(ProcessHandle.of(leftPid).map(ProcessHandle::isAlive).orElse(false), "the postmaster outlived its JVM");
        assertTrue(ProcessHandle.of(leftRedisPid).map(ProcessHandle::isAlive).orElse(false), "Redis outlived its JVM");

        EmbeddedPostgres next = EmbeddedServers.startPostgres(data, 0);
        RedisServer nextRedis = EmbeddedServers.startRedis(0, dir.resolve("redis"));
        try {
            assertFalse(ProcessHandle.of(leftPid).map(ProcessHandle::isAlive).orElse(false),
                    "the postmaster left behind was stopped: never two on one folder");
            assertFalse(ProcessHandle.of(leftRedisPid).map(ProcessHandle::isAlive).orElse(false),
                    "the Redis left behind was stopped");
            assertNotEquals(leftPid, EmbeddedServers.pidIn(data.resolve(EmbeddedServers.POSTMASTER_PID_FILE)));
            try (Connection c = next.getDatabase("postgres", EmbeddedServers.DATABASE).getConnection();
                    ResultSet rs = c.createStatement().executeQuery("SELECT note FROM crash_notes")) {
                assertTrue(rs.next());
                assertEquals("before the crash", rs.getString(1), "the data survived");
            }
        } finally {
            next.close();
            nextRedis.stop();
        }
    }

    /** The crashing JVM: starts both servers on the folder given, writes a row, says "ready", waits to be killed. */
    public static final class ServersThenCrash {
        public static void main(String[] args) throws Exception {
            Path folder = Path.of(args[0]);
            insert(EmbeddedServers.startPostgres(folder.resolve("postgres"), 0), "before the crash");
            EmbeddedServers.startRedis(0, folder.resolve("redis"));
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    @Test
    void shouldStopTheServersOnceTheirOwnerIsGone() throws Exception {
        Path data = dir.resolve("postgres");
        EmbeddedPostgres postgres = EmbeddedServers.startPostgres(data, 0);
        RedisServer redis = EmbeddedServers.startRedis(0, dir.resolve("redis"));
        long pgPid = EmbeddedServers.pidIn(data.resolve(EmbeddedServers.POSTMASTER_PID_FILE));
        long redisPid = EmbeddedServers.pidIn(dir.resolve("redis").resolve(EmbeddedServers.REDIS_PID_FILE));
        Process owner = new ProcessBuilder("sleep", "600").start();
        Optional<Process> watchdog = EmbeddedServers.watch(owner.pid(), data, dir.resolve("redis"));
        try {
            assertTrue(watchdog.isPresent());
            Thread.sleep(1500);
            assertTrue(ProcessHandle.of(pgPid).isPresent(), "alive while its owner is");
            owner.destroyForcibly(); // kill -9: no shutdown hook
            assertTrue(ProcessHandle.of(pgPid).map(p -> exited(p, Duration.ofSeconds(15))).orElse(true),
                    "the postmaster stops once its owner is gone");
            assertTrue(ProcessHandle.of(redisPid).map(p -> exited(p, Duration.ofSeconds(15))).orElse(true),
                    "Redis stops once its owner is gone");
        } finally {
            owner.destroyForcibly();
            watchdog.ifPresent(Process::destroyForcibly);
            postgres.close();
            redis.stop();
        }
    }

    @Test
    void shouldRefuseAFolderAnotherLiveProcessHoldsAndTakeItOnceFree() throws Exception {
        FileLock held = EmbeddedServers.lockDataFolder(dir);
        try {
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(other.getInputStream().readAllBytes());
            other.waitFor();
            assertTrue(out.contains("in use by another Relais process (pid " + ProcessHandle.current().pid() + ")"), out);
        } finally {
            held.release();
            held.channel().close();
        }
        assertTrue(Files.exists(dir.resolve("relais.lock")));
        FileLock again = EmbeddedServers.lockDataFolder(dir);
        again.release();
        again.channel().close();
    }

    /** A second process trying the same folder. */
    public static final class LockHolder {
        public static void main(String[] args) {
            try {
                EmbeddedServers.lockDataFolder(Path.of(args[0]));
                System.out.println("locked");
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    private static boolean exited(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !p.isAlive();
        }
    }

    private static void insert(EmbeddedPostgres pg, String note) throws Exception {
        try (Connection c = pg.getDatabase("postgres", EmbeddedServers.DATABASE).getConnection()) {
            c.createStatement().execute("CREATE TABLE crash_notes (note text)");
            c.createStatement().execute("INSERT INTO crash_notes VALUES ('" + note + "')");
        }
    }
}
