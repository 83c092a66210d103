package app.relais.delivery;

import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Everything the engine keeps in Redis, none of it the only copy: the two send streams (Message 2
 * ahead of Message 1) read by one consumer group, the shared rate limiter, the daily quota counter,
 * the scheduler lock and the marker that tells a flushed Redis from a live one.
 */
@ApplicationScoped
public class RedisEngine {

    public static final String GROUP = "engine";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PIPELINE = 1000;

    /** One stream entry: which stream, its id there, and the message row it names. */
    public record Entry(String stream, String entryId, UUID messageId) {
    }

    /**
     * Reserves the next slot of a spaced sequence (interval ms apart) and answers how long to wait for
     * it: exact spacing whatever the number of callers and instances, no polling. Batches: every
     * batchSize-th slot is followed by a pause.
     */
    /**
     * GCRA in microseconds (so 80/s is 12,500 µs, not 13 ms): reserves ARGV[4] consecutive slots of the
     * sequence and answers the wait before the first, in µs; slot i follows the first by i × interval.
     * With a batch size, every batch-size-th slot of the sequence is followed by the batch pause. Slots
     * missed by at most ARGV[5] µs (a process that fell behind: a GC pause, a busy CPU) are still served,
     * so the rate over a minute stays the configured one; a longer gap is not made up.
     * (The key holds µs since the epoch: "pace:us:" keys; the former ms keys are left to expire.)
     */
    private static final String RESERVE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local count = tonumber(ARGV[4])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            local late = tonumber(ARGV[5])
            if tat < now - late then tat = now - late end
            local nexttat = tat + interval * count
            local batch = tonumber(ARGV[2])
            if batch > 0 then
              local n = redis.call('INCRBY', KEYS[2], count)
              redis.call('PEXPIRE', KEYS[2], 86400000)
              if n % batch == 0 then nexttat = nexttat + tonumber(ARGV[3]) end
            end
            redis.call('SET', KEYS[1], string.format('%.0f', nexttat), 'PX', math.max(1000, math.floor((nexttat - now) / 1000) + 60000))
            return tat - now
            """;

    /** Takes one message from the day's quota; -1 when it is used up. */
    private static final String QUOTA_TAKE = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used >= tonumber(ARGV[1]) then return -1 end
            used = redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], 259200)
            return used
            """;

    /** Takes up to ARGV[2] messages from the day's quota: {granted, count after}; granted 0 when it is used up. */
    private static final String QUOTA_TAKE_MANY = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            local grant = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - used)
            if grant <= 0 then return {0, used} end
            used = redis.call('INCRBY', KEYS[1], grant)
            redis.call('EXPIRE', KEYS[1], 259200)
            return {grant, used}
            """;

    private static final String QUOTA_REFUND = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used > 0 then return redis.call('DECR', KEYS[1]) end
            return 0
            """;

    private static final String QUOTA_FLOOR = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'EX', 259200) return tonumber(ARGV[1]) end
            return used
            """;

    private static final String UNLOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final Redis redis;
    private final String prefix;

    public RedisEngine(Redis redis, DeliveryConfig config) {
        this.redis = redis;
        this.prefix = config.redisPrefix();
    }

    public String stream(boolean priority) {
        return prefix + (priority ? "stream:m2" : "stream:m1");
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(TIMEOUT);
    }

    /** Creates both streams and the consumer group when missing (after a flush or on first start). */
    public void ensureGroups() {
        for (boolean p : new boolean[] { true, false }) {
            try {
                send(Request.cmd(Command.XGROUP).arg("CREATE").arg(stream(p)).arg(GROUP).arg("0").arg("MKSTREAM"));
            } catch (RuntimeException e) {
                if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                    throw e;
                }
            }
        }
    }

    /** XADDs ids in pipelined batches. */
    public void enqueue(List<UUID> ids, boolean priority) {
        String key = stream(priority);
        for (int from = 0; from < ids.size(); from += PIPELINE) {
            List<Request> batch = new ArrayList<>();
            for (UUID id : ids.subList(from, Math.min(ids.size(), from + PIPELINE))) {
                batch.add(Request.cmd(Command.XADD).arg(key).arg("*").arg("id").arg(id.toString()));
            }
            redis.batch(batch).await().atMost(TIMEOUT);
        }
    }

    /** New entries for this consumer; blocks at most {@code blockMs} (0: no wait). */
    public List<Entry> read(String consumer, boolean priority, int count, long blockMs) {
        Request r = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg(consumer).arg("COUNT").arg(count);
        if (blockMs > 0) {
            r.arg("BLOCK").arg(blockMs);
        }
        r.arg("STREAMS").arg(stream(priority)).arg(">");
        Response resp = redis.send(r).await().atMost(TIMEOUT.plusMillis(blockMs));
        List<Entry> out = new ArrayList<>();
        if (resp == null) {
            return out;
        }
        for (Response streamResp : resp) {
            String key = streamResp.get(0).toString();
            addEntries(key, streamResp.get(1), out);
        }
        return out;
    }

    private static void addEntries(String key, Response entries, List<Entry> out) {
        if (entries == null) {
            return;
        }
        for (Response e : entries) {
            if (e == null || e.size() < 2 || e.get(1) == null) {
                continue;
            }
            Response fields = e.get(1);
            UUID id = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("id".equals(fields.get(i).toString())) {
                    id = parse(fields.get(i + 1).toString());
                }
            }
            out.add(new Entry(key, e.get(0).toString(), id));
        }
    }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Takes over entries pending longer than {@code minIdle} (their consumer died). */
    public List<Entry> autoclaim(String consumer, boolean priority, Duration minIdle, int count) {
        Response resp = send(Request.cmd(Command.XAUTOCLAIM).arg(stream(priority)).arg(GROUP).arg(consumer)
                .arg(minIdle.toMillis()).arg("0-0").arg("COUNT").arg(count));
        List<Entry> out = new ArrayList<>();
        if (resp != null && resp.size() >= 2) {
            addEntries(stream(priority), resp.get(1), out);
        }
        return out;
    }

    public void ack(Entry entry) {
        // One round trip: acknowledged, then deleted (the stream holds only what is still to do).
        redis.batch(List.of(Request.cmd(Command.XACK).arg(entry.stream()).arg(GROUP).arg(entry.entryId()),
                Request.cmd(Command.XDEL).arg(entry.stream()).arg(entry.entryId()))).await().atMost(TIMEOUT);
    }

    /** Acknowledges and deletes many entries in one round trip (XACK + XDEL per stream). */
    public void ackAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        java.util.Map<String, List<String>> byStream = new java.util.LinkedHashMap<>();
        for (Entry e : entries) {
            byStream.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e.entryId());
        }
        List<Request> batch = new ArrayList<>();
        byStream.forEach((stream, ids) -> {
            Request ack = Request.cmd(Command.XACK).arg(stream).arg(GROUP);
            Request del = Request.cmd(Command.XDEL).arg(stream);
            for (String id : ids) {
                ack.arg(id);
                del.arg(id);
            }
            batch.add(ack);
            batch.add(del);
        });
        redis.batch(batch).await().atMost(TIMEOUT);
    }

    /** Entries waiting in both streams (not yet delivered to a consumer or pending). */
    public long streamLength(boolean priority) {
        Response r = send(Request.cmd(Command.XLEN).arg(stream(priority)));
        return r == null ? 0 : r.toLong();
    }

    /** Microseconds to wait for the reserved slot of the sequence {@code name}. */
    public long reserve(String name, long intervalUs, int batchSize, long batchPauseUs) {
        return reserveMany(name, intervalUs, batchSize, batchPauseUs, 1);
    }

    /**
     * Reserves {@code count} consecutive slots of the sequence {@code name} in one round trip: the wait
     * before the first, in microseconds; the i-th comes {@code i × intervalUs} after it.
     */
    public long reserveMany(String name, long intervalUs, int batchSize, long batchPauseUs, int count) {
        Response r = send(Request.cmd(Command.EVAL).arg(RESERVE).arg(2).arg(prefix + "pace:us:" + name)
                .arg(prefix + "pace:us:" + name + ":n").arg(intervalUs).arg(batchSize).arg(batchPauseUs).arg(count)
                .arg(catchUpUs(intervalUs, batchSize)));
        return r.toLong();
    }

    /**
     * How late a slot may still be served: 10 intervals, at most 100 ms, and only for spacings of 100 ms
     * or less (≥ 10 msg/s; at most +0.17 % over a minute); none for slower sequences (the Twilio sandbox's
     * 1 message / 3 s) nor for batches with pauses, whose spacing is exact.
     */
    static long catchUpUs(long intervalUs, int batchSize) {
        return batchSize > 0 || intervalUs > 100_000 ? 0 : Math.min(100_000, intervalUs * 10);
    }

    public long quotaTake(String day, int limit) {
        return send(Request.cmd(Command.EVAL).arg(QUOTA_TAKE).arg(1).arg(quotaKey(day)).arg(limit)).toLong();
    }

    /** Up to {@code count} messages of the day's quota in one round trip: {granted, count after the last one}. */
    public long[] quotaTakeMany(String day, int limit, int count) {
        Response r = send(Request.cmd(Command.EVAL).arg(QUOTA_TAKE_MANY).arg(1).arg(quotaKey(day)).arg(limit).arg(count));
        return new long[] { r.get(0).toLong(), r.get(1).toLong() };
    }

    public void quotaRefund(String day) {
        send(Request.cmd(Command.EVAL).arg(QUOTA_REFUND).arg(1).arg(quotaKey(day)));
    }

    /** Raises the Redis counter to the durable count (after a flush it would restart from 0). */
    public long quotaFloor(String day, long durable) {
        return send(Request.cmd(Command.EVAL).arg(QUOTA_FLOOR).arg(1).arg(quotaKey(day)).arg(durable)).toLong();
    }

    public long quotaUsed(String day) {
        Response r = send(Request.cmd(Command.GET).arg(quotaKey(day)));
        return r == null ? 0 : r.toLong();
    }

    private String quotaKey(String day) {
        return prefix + "quota:" + day;
    }

    public boolean tryLock(String name, String token, Duration ttl) {
        Response r = send(Request.cmd(Command.SET).arg(prefix + "lock:" + name).arg(token).arg("NX").arg("PX")
                .arg(ttl.toMillis()));
        return r != null && "OK".equals(r.toString());
    }

    public void unlock(String name, String token) {
        send(Request.cmd(Command.EVAL).arg(UNLOCK).arg(1).arg(prefix + "lock:" + name).arg(token));
    }

    /** The marker exists as long as Redis kept its data since the reconciler last re-queued. */
    public boolean markerPresent() {
        Response r = send(Request.cmd(Command.EXISTS).arg(prefix + "engine:marker"));
        return r != null && r.toLong() > 0;
    }

    public void setMarker() {
        send(Request.cmd(Command.SET).arg(prefix + "engine:marker").arg(String.valueOf(System.currentTimeMillis())));
    }
}
