package app.relais.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A user's install crashing: the backend runs as `./start_backend.sh` runs it (embedded PostgreSQL and
 * Redis in one data folder, the simulator with its status callbacks on) and is killed -9 while a campaign
 * sends (once it halts itself between Twilio's accept and the SID commit), then while a contacts import
 * runs, and started again each time the same way, on the same folder, nothing cleaned by hand.
 *
 * <p>Each time: the embedded servers do not outlive the killed JVM (its watchdog stops them) and the next
 * start works. In the end every message row is final with Twilio's status (callbacks lost while the
 * backend was down are repaired from Twilio's list), its text, and when failed its error code; the
 * campaign never showed completed while a row was still sending; no phone got two messages; the import
 * ended completed or failed (never left running) and what it committed is there once.
 *
 * <p>Settings other than start_backend.sh's defaults: shorter engine and repair delays (seconds instead
 * of minutes) to keep the run short. -Drelais.it.seed=N replays a run's random moments.
 */
class CrashRestartIT {

    private static final int RECIPIENTS = 300;
    private static final int NOT_JOINED_EVERY = 10;
    private static final int IMPORT_ROWS = 150_000;

    @Test
    void killedUserInstallRestartsAndEndsWithEveryStatusTextAndCode() throws Exception {
        long seed = Long.getLong("relais.it.seed", System.nanoTime());
        EngineCluster.log("CrashRestartIT seed = %d (replay with -Drelais.it.seed=%d)", seed, seed);
        Random random = new Random(seed);
        try (EngineCluster cluster = new EngineCluster("crash", true)) {
            Map<String, String> props = EngineCluster.fastEngine();
            props.put("relais.contacts.import.janitor-every", "5s");
            props.put("relais.delivery.fault.crash-after-sends", String.valueOf(20 + random.nextInt(30)));
            EngineCluster.Backend backend = cluster.backend("user", props, Map.of("DELIVERY_MESSAGES_PER_SECOND", "25"));
            startAndAwait(cluster, backend, props);

            UUID category = cluster.seed(RECIPIENTS);
            try (var c = cluster.db(); var st = c.createStatement()) {
                st.execute("INSERT INTO simulator_phones (phone_e164, behaviour) SELECT '+2299' || lpad(g::text, 8, '0'),"
                        + " 'not_joined' FROM generate_series(1, " + RECIPIENTS + ") g WHERE g % " + NOT_JOINED_EVERY + " = 0"
                        + " ON CONFLICT (phone_e164) DO UPDATE SET behaviour = EXCLUDED.behaviour");
            }
            UUID campaign = cluster.launchCampaign(backend, category, "crash");
            EngineCluster.log("campaign %s launched to %d recipients", campaign, RECIPIENTS);

            for (int kill = 0; kill < 3; kill++) {
                long until = System.currentTimeMillis() + 1500 + random.nextInt(3000);
                while (System.currentTimeMillis() < until) {
                    restartIfHalted(cluster, backend, props);
                    Thread.sleep(100);
                }
                EngineCluster.log("kill -9 #%d (%d unfinished)", kill + 1, unfinished(cluster, campaign));
                killAndRestart(cluster, backend, props);
            }

            long deadline = System.currentTimeMillis() + 180_000;
            long unfinished = -1;
            String status = null;
            while (System.currentTimeMillis() < deadline) {
                restartIfHalted(cluster, backend, props);
                try {
                    status = cluster.queryString("SELECT status FROM campaigns WHERE id = ?", campaign);
                    unfinished = unfinished(cluster, campaign);
                } catch (SQLException e) {
                    continue; // restarting
                }
                if ("completed".equals(status)) {
                    assertEquals(0, unfinished, "completed while rows were still queued or sending");
                    break;
                }
                Thread.sleep(500);
            }
            String log = backend.appLog();
            EngineCluster.log("campaign done: %d start(s), %d self-halt(s), %d SID(s) adopted, %d repair run(s) that moved rows",
                    backend.starts, halts, count(log, "was accepted by the provider as"), count(log, "Status repair:"));

            assertEquals("completed", status, "campaign status");
            assertEquals(0, unfinished, "rows still queued or sending");
            assertEquals(0, cluster.duplicatePhones(), "phones that received Message 1 more than once");
            assertEquals(RECIPIENTS, cluster.queryLong("SELECT count(*) FROM messages WHERE campaign_id = ?", campaign));
            assertEquals(0, cluster.queryLong("SELECT count(*) FROM messages WHERE campaign_id = ? AND body IS NULL", campaign),
                    "rows without their text");
            assertEquals(0, cluster.queryLong("SELECT count(*) FROM messages WHERE campaign_id = ? AND status IN ('failed',"
                    + " 'undelivered') AND error_code IS NULL", campaign), "failed rows without their code");
            // Each row holds the status and code Twilio (the simulator) holds for its SID: rows left `sending`
            // and rows whose later callbacks (delivered, read) were lost alike.
            // The last messages' callbacks are still on their way when the campaign completes: a minute for them.
            String differs = "SELECT count(*) FROM messages m JOIN simulator_messages s ON s.sid = m.twilio_sid"
                    + " WHERE m.campaign_id = ? AND (m.status <> s.status OR m.error_code IS DISTINCT FROM s.error_code)";
            long until = System.currentTimeMillis() + 60_000;
            while (cluster.queryLong(differs, campaign) > 0 && System.currentTimeMillis() < until) {
                Thread.sleep(500);
            }
            assertEquals(0, cluster.queryLong(differs, campaign), () -> "rows whose status or code differs from the provider's: "
                    + mismatches(cluster, campaign));
            assertEquals(RECIPIENTS / NOT_JOINED_EVERY, cluster.queryLong("SELECT count(*) FROM messages WHERE campaign_id = ?"
                    + " AND status = 'failed' AND error_code = 63007", campaign), "63007 failures, each with its code");
            assertTrue(halts >= 1, "the crash between the provider's accept and the SID commit happened");

            importKilledHalfWay(cluster, backend, props);
        }
    }

    /** A contacts import killed -9 while running ends completed or failed after the restart, nothing lost or doubled. */
    private void importKilledHalfWay(EngineCluster cluster, EngineCluster.Backend backend, Map<String, String> props)
            throws Exception {
        StringBuilder csv = new StringBuilder("phone;first_name\n");
        for (int i = 1; i <= IMPORT_ROWS; i++) {
            csv.append("+2250700").append(String.format("%06d", i)).append(";I").append(i).append('\n');
        }
        UUID job = cluster.startImport(backend, "crash.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && cluster.queryLong("SELECT CASE WHEN status = 'running'"
                + " AND rows_read > 0 THEN 1 ELSE 0 END FROM contact_imports WHERE id = ?", job) == 0) {
            assertNotEquals("completed", cluster.queryString("SELECT status FROM contact_imports WHERE id = ?", job),
                    "the import ended before it could be killed: make the file bigger");
            Thread.sleep(20);
        }
        EngineCluster.log("import %s running (%d rows read): kill -9", job,
                cluster.queryLong("SELECT rows_read FROM contact_imports WHERE id = ?", job));
        killAndRestart(cluster, backend, props);

        String status = null;
        deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            status = cluster.queryString("SELECT status FROM contact_imports WHERE id = ?", job);
            if ("completed".equals(status) || "failed".equals(status)) {
                break;
            }
            Thread.sleep(500);
        }
        Map<String, Object> row = Map.of(
                "created", cluster.queryLong("SELECT created FROM contact_imports WHERE id = ?", job),
                "updated", cluster.queryLong("SELECT updated FROM contact_imports WHERE id = ?", job),
                "lastLine", cluster.queryLong("SELECT last_line FROM contact_imports WHERE id = ?", job),
                "error", String.valueOf(cluster.queryString("SELECT error_message FROM contact_imports WHERE id = ?", job)));
        long imported = cluster.queryLong("SELECT count(*) FROM contacts WHERE phone_e164 LIKE '+2250700%'");
        EngineCluster.log("import after the restart: %s %s, %d contacts in the database", status, row, imported);
        assertTrue("completed".equals(status) || "failed".equals(status), "the import was left " + status);
        assertEquals((long) row.get("created"), imported, "what the job says it created is what is there, once");
        if ("failed".equals(status)) {
            assertTrue(((String) row.get("error")).contains(String.valueOf(row.get("lastLine"))),
                    "the reason names what was imported: " + row.get("error"));
        }
    }

    private int halts;

    private static String mismatches(EngineCluster cluster, UUID campaign) {
        try {
            return cluster.queryString("SELECT string_agg(m.status || '/' || s.status || ' ' || coalesce(m.error_code::text, '-')"
                    + " || '/' || coalesce(s.error_code::text, '-'), ', ') FROM messages m JOIN simulator_messages s"
                    + " ON s.sid = m.twilio_sid WHERE m.campaign_id = ? AND (m.status <> s.status"
                    + " OR m.error_code IS DISTINCT FROM s.error_code)", campaign);
        } catch (SQLException e) {
            return e.toString();
        }
    }

    private static long count(String log, String marker) {
        return log.lines().filter(l -> l.contains(marker)).count();
    }

    private static long unfinished(EngineCluster cluster, UUID campaign) throws SQLException {
        return cluster.queryLong("SELECT count(*) FROM messages WHERE campaign_id = ? AND status IN ('queued', 'sending')",
                campaign);
    }

    /** kill -9, then: the servers do not outlive the JVM, and the next start on the same folder works. */
    private void killAndRestart(EngineCluster cluster, EngineCluster.Backend backend, Map<String, String> props)
            throws Exception {
        long postmaster = cluster.postmasterPid();
        backend.kill();
        awaitGone(postmaster);
        startAndAwait(cluster, backend, props);
    }

    private static void awaitGone(long pid) throws Exception {
        ProcessHandle p = ProcessHandle.of(pid).orElse(null);
        if (p != null) {
            try {
                p.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the embedded PostgreSQL (pid " + pid + ") outlived its killed JVM by 15 s");
            }
        }
    }

    private void restartIfHalted(EngineCluster cluster, EngineCluster.Backend backend, Map<String, String> props)
            throws Exception {
        if (!backend.alive()) {
            noteHalt(backend, props);
            awaitGone(cluster.postmasterPid());
            startAndAwait(cluster, backend, props);
        }
    }

    private void noteHalt(EngineCluster.Backend backend, Map<String, String> props) {
        EngineCluster.log("%s exited by itself (exit %d)", backend.name, backend.process.exitValue());
        halts++;
        props.put("relais.delivery.fault.crash-after-sends", "0");
    }

    /** Starts the backend; it must come up every time (a self-halt during the start is started again). */
    private void startAndAwait(EngineCluster cluster, EngineCluster.Backend backend, Map<String, String> props)
            throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            backend.start();
            try {
                backend.awaitHealthy(Duration.ofSeconds(150));
                return;
            } catch (IllegalStateException e) {
                if (backend.alive() || backend.process.exitValue() != 137) {
                    throw new AssertionError("the backend did not start on the same data folder: " + e.getMessage()
                            + "\n" + tail(backend.appLog()));
                }
                noteHalt(backend, props);
                awaitGone(cluster.postmasterPid());
            }
        }
        throw new IllegalStateException("backend does not stay up");
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
