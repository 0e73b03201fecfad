package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Nodes whose data dir sits on a small tmpfs that a ballast file fills up. Ratis fails a log
 * whose write failed for good (every later append fails too), so a node whose log append fails
 * must stop with a one-line reason and a non-zero exit, not linger answering PING only; the rest
 * of the cluster keeps serving when they are a majority; clients get clear errors, not hangs;
 * nothing acknowledged is lost and nothing refused appears; and the node recovers when it is
 * restarted with space on its disk.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DiskFullTest {
    /** Big values exhaust the 4 MB Ratis preallocates per segment within a few hundred writes. */
    private static final String VALUE = "v".repeat(32 * 1024);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    /**
     * How far the writer goes past the moment a disk is filled. A filled log fails within its
     * preallocated segment space (128 writes of VALUE; about 250 seen), so this is ample, and
     * small enough for the other nodes' disks: unbounded, it once filled them as well.
     */
    private static final int WRITES_WHILE_FILLING = 1_000;

    private Path base;
    private final List<Tmpfs> disks = new ArrayList<>();
    private TestCluster cluster;
    /** Set by each test at its end: a failed test keeps its node logs under target/ for diagnosis. */
    private boolean passed;

    @BeforeEach
    void mountDisks() throws Exception {
        base = Path.of("target", "diskfull-" + System.nanoTime()).toAbsolutePath();
        for (int i = 1; i <= 3; i++) {
            // TestCluster names nodes n1..n3. Room for WRITES_WHILE_FILLING writes, their log and a
            // snapshot of them, so only the disk a test fills runs out.
            disks.add(Tmpfs.mount(base.resolve("n" + i), "128m"));
        }
        cluster = TestCluster.form(base, 3);
    }

    @AfterEach
    void unmount() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            for (Tmpfs disk : disks) {
                disk.close();
            }
        }
        if (passed) {
            deleteTree(base);
        }
    }

    @Test
    void aFollowerWithAFullDiskStopsAndTheOthersKeepServing() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
        NodeProcess victim = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        List<NodeProcess> healthy = cluster.nodes.stream().filter(n -> n != victim).toList();
        try (Writer writer = new Writer(healthy)) {
            writer.awaitAcked(20);
            writer.writeOn(WRITES_WHILE_FILLING);
            disk(victim).fill();
            assertStopsWithReason(victim);
            int before = writer.acked.size();
            writer.awaitAcked(before + 20); // the majority kept (and keeps) serving
            writer.close();
            assertEquals(Map.of(), writer.refused, "writes through the healthy majority were refused");
            recover(victim, writer);
        }
        passed = true;
    }

    @Test
    void aLeaderWithAFullDiskStopsAndANewLeaderTakesOver() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
        try (Writer writer = new Writer(cluster.nodes)) {
            writer.awaitAcked(20);
            writer.writeOn(WRITES_WHILE_FILLING);
            disk(leader).fill();
            assertStopsWithReason(leader);
            int before = writer.acked.size();
            writer.awaitAcked(before + 20);
            NodeProcess next = cluster.awaitLeader(Duration.ofSeconds(30));
            assertNotEquals(leader, next);
            writer.close();
            recover(leader, writer);
        }
        passed = true;
    }

    @Test
    void everyDiskFullFailsWritesClearlyAndARestartRecoversEverything() throws Exception {
        try (Writer writer = new Writer(cluster.nodes)) {
            writer.awaitAcked(20);
            writer.writeOn(WRITES_WHILE_FILLING);
            for (NodeProcess n : cluster.nodes) {
                disk(n).fill();
            }
            // Nothing can commit any more. Each node stops on its first failed append; a lone
            // survivor whose log was never written again (no leader left to send it entries,
            // no majority to elect itself) may stay up, answering CLUSTERDOWN, until stopped.
            TestCluster.await(Duration.ofSeconds(90), () -> cluster.alive().size() <= 1
                    && cluster.alive().stream().noneMatch(DiskFullTest::logFailed), "every node with a failed log stopped");
            for (NodeProcess n : cluster.nodes) {
                if (!n.isAlive()) {
                    assertStopsWithReason(n);
                }
            }
            writer.close();
            for (NodeProcess n : cluster.alive()) {
                System.out.println(n.id + " still up; its PING: " + n.call("PING"));
                n.stop();
            }
            System.out.println("all disks full: " + writer.summary());
            for (Tmpfs disk : disks) {
                disk.free();
            }
            for (NodeProcess n : cluster.nodes) {
                n.start();
            }
            cluster.awaitLeader(Duration.ofSeconds(60));
            for (NodeProcess n : cluster.nodes) {
                assertWritesAsRecorded(n, writer);
            }
        }
        passed = true;
    }

    @Test
    void aSnapshotOnAFullDiskFailsWithoutLeavingAFileBehind() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
        NodeProcess victim = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        try (Jedis jedis = leader.client()) {
            for (int i = 0; i < 40; i++) {
                assertEquals("OK", jedis.set("s" + i, VALUE + i));
            }
        }
        awaitRead(victim, "s39", VALUE + 39);
        // Room for the log's small writes (elections, heartbeats) but not for the 1.3 MB snapshot.
        disk(victim).fill(256 * 1024);
        try {
            Object reply = victim.call("SNAPSHOT");
            fail("SNAPSHOT on a full disk answered " + reply);
        } catch (JedisDataException expected) {
            System.out.println("SNAPSHOT on a full disk: -" + expected.getMessage());
        }
        assertEquals(List.of(), snapshotFiles(victim), "files left by the failed snapshot");
        assertTrue(String.valueOf(victim.call("INFO", "persistence")).contains("rdb_last_bgsave_status:err"));
        assertEquals("PONG", victim.call("PING"));

        disk(victim).free();
        assertEquals("OK", victim.call("SNAPSHOT"));
        victim.kill9();
        victim.start();
        try (Jedis jedis = victim.client()) {
            jedis.readonly(); // what the node loaded itself, before any catching up
            for (int i = 0; i < 40; i++) {
                assertEquals(VALUE + i, jedis.get("s" + i), "s" + i + " after restarting from the snapshot");
            }
        }
        passed = true;
    }

    // ---- helpers -------------------------------------------------------------------------

    private Tmpfs disk(NodeProcess n) {
        return disks.get(cluster.nodes.indexOf(n));
    }

    /** The node must exit by itself, non-zero, saying why in one line. */
    private static void assertStopsWithReason(NodeProcess n) throws Exception {
        int code = n.awaitExit(Duration.ofSeconds(90));
        assertNotEquals(0, code, n.id + " exit code");
        String log = Files.readString(n.logFile().toPath());
        String line = log.lines().filter(l -> l.startsWith("redraft: node " + n.id + " stopped:")).findFirst()
                .orElseThrow(() -> new AssertionError(n.id + " gave no reason for stopping; log tail:\n" + tail(log)));
        assertTrue(line.contains("No space left on device"), line);
        System.out.println(n.id + " exited with " + code + ": " + line);
    }

    private static boolean logFailed(NodeProcess n) {
        try {
            return Files.readString(n.logFile().toPath()).contains("the Raft log on this node cannot be written");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Frees the victim's disk, restarts it, and checks it serves exactly what was acknowledged. */
    private void recover(NodeProcess victim, Writer writer) throws Exception {
        System.out.println(writer.summary());
        disk(victim).free();
        victim.start();
        for (NodeProcess n : cluster.nodes) {
            assertWritesAsRecorded(n, writer);
        }
    }

    /** Every acknowledged write readable, every refused one absent (linearizable reads through {@code n}). */
    private static void assertWritesAsRecorded(NodeProcess n, Writer writer) throws InterruptedException {
        int last = writer.acked.stream().max(Integer::compare).orElseThrow();
        awaitRead(n, "k" + last, VALUE + last);
        try (Jedis jedis = n.client()) {
            for (int i : writer.acked) {
                assertEquals(VALUE + i, jedis.get("k" + i), "acknowledged k" + i + " on " + n.id);
            }
            for (Map.Entry<Integer, String> refused : writer.refused.entrySet()) {
                assertNull(jedis.get("k" + refused.getKey()),
                        "k" + refused.getKey() + " was refused (-" + refused.getValue() + ") but is on " + n.id);
            }
        }
    }

    private static void awaitRead(NodeProcess n, String key, String value) throws InterruptedException {
        TestCluster.await(Duration.ofSeconds(90), () -> {
            try (Jedis jedis = n.client()) {
                return value.equals(jedis.get(key));
            } catch (RuntimeException e) {
                return false;
            }
        }, n.id + " serving " + key);
    }

    private static List<String> snapshotFiles(NodeProcess n) throws IOException {
        try (Stream<Path> files = Files.walk(n.dataDir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("snapshot.")).toList();
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * One client writing fresh keys k0, k1, ... round-robin through {@code targets} (skipping
     * nodes that are down), recording each write as acknowledged, refused (an error that
     * promises it did not happen) or unknown (-TIMEOUT, a dropped connection). A reply slower
     * than {@link #CLIENT_TIMEOUT} is a hang and fails the test. It writes only as far as the
     * test asks ({@link #awaitAcked}, {@link #writeOn}): the healthy nodes' disks are small too.
     */
    private static final class Writer implements AutoCloseable {
        final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        final Map<Integer, String> refused = new ConcurrentHashMap<>();
        final Map<String, Integer> errors = new TreeMap<>();
        private final List<NodeProcess> targets;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private volatile Throwable failure;
        private int unknown;
        /** The writer pauses once this many writes are acknowledged. */
        private volatile int goal;

        Writer(List<NodeProcess> targets) {
            this.targets = List.copyOf(targets);
            this.thread = new Thread(this::run, "disk-full-writer");
            thread.start();
        }

        private void run() {
            int next = 0;
            try {
                for (int i = 0; !stop.get(); i++) {
                    NodeProcess n = targets.get(i % targets.size());
                    if (!n.isAlive() || acked.size() >= goal) {
                        Thread.sleep(10);
                        continue;
                    }
                    int key = next++;
                    long started = System.nanoTime();
                    try (Jedis jedis = new Jedis("127.0.0.1", n.redisPort, (int) CLIENT_TIMEOUT.toMillis())) {
                        if ("OK".equals(jedis.set("k" + key, VALUE + key))) {
                            acked.add(key);
                        }
                    } catch (JedisDataException e) {
                        String msg = String.valueOf(e.getMessage());
                        count(msg);
                        if (msg.startsWith("TIMEOUT")) {
                            unknown++;
                        } else {
                            refused.put(key, msg);
                        }
                    } catch (JedisConnectionException e) {
                        if (String.valueOf(e.getMessage()).startsWith("Failed to connect")) {
                            continue; // refused: the node is stopping, the request was never sent
                        }
                        if (System.nanoTime() - started >= CLIENT_TIMEOUT.toNanos() - 500_000_000L) {
                            throw new AssertionError("SET through " + n.id + " hung for " + CLIENT_TIMEOUT, e);
                        }
                        count("connection lost: " + e.getMessage());
                        unknown++; // the node died under the request: it may have gone through
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        private synchronized void count(String error) {
            String kind = error.length() > 90 ? error.substring(0, 90) + "…" : error;
            errors.merge(kind, 1, Integer::sum);
        }

        /** Writes on, up to {@code more} further acknowledged writes, while the test waits on a node. */
        void writeOn(int more) {
            goal = acked.size() + more;
        }

        void awaitAcked(int count) throws InterruptedException {
            goal = count;
            TestCluster.await(Duration.ofSeconds(60), () -> {
                if (failure != null) {
                    throw new AssertionError("writer failed", failure);
                }
                return acked.size() >= count;
            }, count + " acknowledged writes (" + summary() + ")");
        }

        synchronized String summary() {
            return "writes: " + acked.size() + " acknowledged, " + refused.size() + " refused, " + unknown
                    + " unknown; errors " + errors;
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(CLIENT_TIMEOUT.toMillis() + 5_000);
            if (failure != null) {
                throw new AssertionError("writer failed", failure);
            }
        }
    }
}
