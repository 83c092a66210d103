package app.relais.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Per-client queues of the SSE fan-out, without HTTP: a client whose writes complete gets each batch
 * of the bus in one write; a client whose write does not complete is not waited for, and once its
 * queue overflows it gets a reconnect hint and is closed.
 */
class SseClientsTest {

    /** Records every batch; completes writes at once, or only when the test says so. */
    static final class FakeOut implements SseClients.Out {
        final List<List<SseClients.Item>> batches = new ArrayList<>();
        final List<CompletableFuture<Void>> writes = new ArrayList<>();
        final boolean autoComplete;
        boolean closed;

        FakeOut(boolean autoComplete) {
            this.autoComplete = autoComplete;
        }

        @Override
        public synchronized CompletionStage<?> send(List<SseClients.Item> batch) {
            batches.add(List.copyOf(batch));
            CompletableFuture<Void> f = new CompletableFuture<>();
            writes.add(f);
            if (autoComplete) {
                f.complete(null);
            }
            return f;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static SseClients clients(int maxQueue) {
        SseClients c = new SseClients();
        c.bus = new LiveEventBus();
        c.maxQueue = maxQueue;
        return c;
    }

    private static List<LiveEvent> events(int from, int n) {
        return IntStream.range(from, from + n).mapToObj(i -> new LiveEvent("1-" + i, "message.status", "{\"n\":" + i + "}")).toList();
    }

    @Test
    void shouldWriteEachBatchOfTheBusAsOneWriteAndSkipWhatWasAlreadySent() {
        SseClients clients = clients(100);
        FakeOut fast = new FakeOut(true);
        clients.open(fast, null, null);
        clients.bus.dispatch(events(1, 3));
        clients.bus.dispatch(events(2, 3)); // 1-2 and 1-3 again (a replay overlapping the live stream)
        assertEquals("connected", fast.batches.get(0).get(0).comment());
        assertEquals(List.of("1-1", "1-2", "1-3"), fast.batches.get(1).stream().map(SseClients.Item::id).toList());
        assertEquals(List.of("1-4"), fast.batches.get(2).stream().map(SseClients.Item::id).toList());
        StringBuilder sb = new StringBuilder();
        fast.batches.get(1).get(0).appendTo(sb);
        assertEquals("id: 1-1\nevent: message.status\ndata: {\"n\":1}\n\n", sb.toString());
    }

    @Test
    void shouldNotWaitForASlowClientAndDropItWithAReconnectHintWhenItsQueueOverflows() {
        SseClients clients = clients(10);
        FakeOut slow = new FakeOut(false);
        FakeOut fast = new FakeOut(true);
        clients.open(slow, null, null);
        clients.open(fast, null, null);
        for (int i = 0; i < 4; i++) {
            clients.bus.dispatch(events(1 + 2 * i, 2));
        }
        assertEquals(1, slow.batches.size(), "one write in flight, the rest queued");
        assertEquals(5, fast.batches.size(), "the fast client got every batch meanwhile");
        assertFalse(slow.closed);
        // The slow client's write finishes: everything queued meanwhile goes in ONE write.
        slow.writes.get(0).complete(null);
        assertEquals(8, slow.batches.get(1).size());
        // It falls behind again, past its queue: it is told to reconnect, then closed.
        clients.bus.dispatch(events(9, 6));
        clients.bus.dispatch(events(15, 6)); // the 11th queued event (1-19) overflows the queue of 10
        slow.writes.get(1).complete(null);
        List<SseClients.Item> last = slow.batches.get(slow.batches.size() - 1);
        assertEquals("reconnect", last.get(0).name());
        assertEquals(1000, last.get(0).retryMs());
        assertTrue(last.get(0).data().contains("\"lastEventId\":\"1-19\""), last.get(0).data());
        slow.writes.get(slow.writes.size() - 1).complete(null);
        assertTrue(slow.closed);
        assertFalse(fast.closed);
        assertEquals(1, clients.count());
        assertEquals(1, clients.droppedSlowClients());
    }
}
