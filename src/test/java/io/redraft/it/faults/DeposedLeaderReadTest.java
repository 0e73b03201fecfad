package io.redraft.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.it.NodeProcess;
import io.redraft.it.TestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Regression (TESTING.md bug 14): a leader woken from a pause, after another node was elected and
 * acknowledged a write, must never answer a read from its old state. Ratis renewed the woken
 * leader's lease from the very replies that deposed it, and its ReadIndex skipped the heartbeat
 * round for a commit index it had confirmed before the pause; either way it answered the old
 * value for the ~200 ms until it stepped down. Readers connected to the old leader hammer it with
 * GETs from the moment it wakes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeposedLeaderReadTest {
    private static final String KEY = "deposed:register";
    private static final int ROUNDS = 8;
    private static final int READERS = 8;
    private static final long HAMMER_MS = 1500;

    @TempDir
    Path dir;

    @Test
    void aWokenLeaderNeverAnswersFromItsOldState() throws Exception {
        List<String> stale = new ArrayList<>();
        List<String> rounds = new ArrayList<>();
        AtomicInteger values = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try (TestCluster cluster = TestCluster.formBehindNetwork(dir, 3)) {
            for (int round = 1; round <= ROUNDS; round++) {
                NodeProcess leader = Leaders.current(cluster);
                String before = "r" + round + "-before";
                try (Jedis jedis = leader.client()) {
                    jedis.set(KEY, before);
                    assertEquals(before, jedis.get(KEY)); // a confirmed read index, as before the bug's pause
                }
                List<Jedis> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    readers.add(new Jedis("127.0.0.1", leader.redisPort, 5000));
                    readers.get(r).ping();
                }
                leader.pause();
                NodeProcess next = Leaders.awaitOtherThan(cluster, leader,
                        cluster.nodes.stream().filter(n -> n != leader).toList());
                String after = "r" + round + "-after";
                try (Jedis jedis = next.client()) {
                    jedis.set(KEY, after); // acknowledged before any read below is sent
                }
                leader.resume();
                ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
                List<Future<?>> running = new ArrayList<>();
                for (Jedis reader : readers) {
                    running.add(pool.submit(() -> hammer(reader, seen, errors, values)));
                }
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
                readers.forEach(Jedis::close);
                long staleReads = seen.stream().filter(before::equals).count();
                if (staleReads > 0) {
                    stale.add(leader.id + " answered " + before + " " + staleReads + " times after " + after
                            + " was acknowledged");
                }
                rounds.add("round " + round + ": " + seen.size() + " values, " + staleReads + " stale, "
                        + errors.size() + " errors" + (errors.isEmpty() ? "" : " (first: " + errors.peek() + ")"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), stale, () -> String.join("\n", rounds));
        assertTrue(values.get() > 0, "no read was answered with a value at all");
    }

    /** GETs for HAMMER_MS; errors (the woken node steps down, forwards or refuses) are expected. */
    private static void hammer(Jedis reader, ConcurrentLinkedQueue<String> seen, ConcurrentLinkedQueue<String> errors,
                               AtomicInteger values) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HAMMER_MS);
        while (System.nanoTime() < end) {
            try {
                String v = reader.get(KEY);
                if (v != null) {
                    seen.add(v);
                    values.incrementAndGet();
                }
            } catch (RuntimeException e) {
                errors.add(String.valueOf(e.getMessage()));
                Pause.ms(5);
                if (!reader.isConnected()) {
                    return;
                }
            }
        }
    }
}
