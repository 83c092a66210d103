package app.relais.contacts.imports;

import static app.relais.testsupport.Db.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.Db;
import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An import whose instance died ends "failed" with what it committed; a live one is left alone. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class ImportJanitorTest {

    @Inject
    ImportJanitor janitor;

    @Inject
    app.relais.monitoring.InstanceHeartbeat heartbeat;

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @Test
    void shouldFailAQueuedJobAtOnceWhenTheInstanceThatAcceptedItIsGone() throws Exception {
        String me = heartbeat.instanceName();
        UUID mineBeforeRestart = queued(me, "now() - interval '1 day'");
        UUID mineInMyQueue = queued(me, "now() + interval '1 minute'");
        UUID ofAGoneInstance = queued("gone-instance-" + UUID.randomUUID(), "now()");
        String other = "live-instance-" + UUID.randomUUID();
        UUID ofALiveInstance = queued(other, "now()");
        String silent = "silent-instance-" + UUID.randomUUID();
        UUID ofASilentInstance = queued(silent, "now()");
        long now = System.currentTimeMillis();
        redis.hash(String.class).hset(app.relais.monitoring.InstanceHeartbeat.KEY, silent,
                (now - 3_600_000) + "," + (now - 600_000));
        for (int sweep = 0; sweep < 3; sweep++) {
            redis.hash(String.class).hset(app.relais.monitoring.InstanceHeartbeat.KEY, other,
                    now + "," + System.currentTimeMillis());
            janitor.sweep();
        }
        assertEquals("failed", status(mineBeforeRestart), "a job queued by this instance's previous life");
        assertEquals("queued", status(mineInMyQueue), "a job in this instance's own queue");
        assertEquals("failed", status(ofAGoneInstance), "an instance with no heartbeat");
        assertEquals("failed", status(ofASilentInstance), "an instance silent for 10 minutes");
        assertEquals("queued", status(ofALiveInstance), "an instance that beats");
        String message = queryOne("SELECT error_message FROM contact_imports WHERE id = ?", ofAGoneInstance);
        assertTrue(message.contains("interrompu"), message);
    }

    private static UUID queued(String instance, String createdAt) {
        return queryOne("INSERT INTO contact_imports (file_name, status, instance_name, created_at) VALUES ('q.csv',"
                + " 'queued', ?, " + createdAt + ") RETURNING id", instance);
    }

    @Test
    void shouldFailOrphanedJobsAndLeaveLiveOnesRunning() throws Exception {
        UUID orphan = job("running", "now()", 5000);
        UUID live = job("running", "now()", 100);
        UUID waiting = job("queued", "now()", 0);
        UUID lostInQueue = job("queued", "now() - interval '7 hours'", 0);
        try (Connection session = Db.connect()) {
            // The live job's worker holds its lock, as ImportService.run does.
            try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, ImportJanitor.LOCK_SPACE);
                ps.setString(2, live.toString());
                ps.execute();
            }
            janitor.sweep();
            assertEquals("failed", status(orphan));
            String message = queryOne("SELECT error_message FROM contact_imports WHERE id = ?", orphan);
            assertTrue(message.contains("interrompu") && message.contains("5000"), message);
            assertEquals("running", status(live));
            assertEquals("queued", status(waiting));
            assertEquals("failed", status(lostInQueue));
        }
        // Its session ended (the instance died): the lock goes with it once the server ends the session.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            janitor.sweep();
            return "failed".equals(status(live));
        });
    }

    private static UUID job(String status, String createdAt, int lastLine) {
        return queryOne("INSERT INTO contact_imports (file_name, status, last_line, created_at) VALUES ('a.csv', ?, ?, "
                + createdAt + ") RETURNING id", status, lastLine);
    }

    private static String status(UUID id) {
        return queryOne("SELECT status FROM contact_imports WHERE id = ?", id);
    }
}
