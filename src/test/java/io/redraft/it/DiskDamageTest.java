package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Damaged files on one node: a torn Raft log tail (a crash mid-append) and a corrupted snapshot.
 * The node either recovers from what is valid and catches up from its peers, or refuses to start
 * with a message naming the damage; it never serves data it cannot vouch for.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DiskDamageTest {
    private static final int KEYS = 200;

    @TempDir
    Path dir;

    @Test
    void tornLogTailIsCutOffAndTheNodeCatchesUp() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            NodeProcess victim = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            write(leader, 0, KEYS);
            victim.kill9();
            Path segment = newest(victim.dataDir, "log_inprogress_");
            // Segments are preallocated with zeros: tear the last entry itself, not the padding.
            truncate(segment, endOfData(segment) - 5);
            write(leader, KEYS, 2 * KEYS); // more to catch up on

            victim.start();
            assertAllKeys(victim, 2 * KEYS);
        }
    }

    @Test
    void corruptedSnapshotIsRefusedWithAClearMessage() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            NodeProcess victim = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            write(leader, 0, KEYS);
            assertEquals("OK", victim.call("SNAPSHOT"));
            victim.kill9();
            Path snapshot = newest(victim.dataDir, "snapshot.");
            flipByte(snapshot, Files.size(snapshot) / 2);

            try {
                victim.start();
            } catch (IllegalStateException exited) {
                String log = Files.readString(victim.logFile().toPath());
                assertTrue(log.contains(snapshot.getFileName().toString()), "the message names the file:\n" + log);
                System.out.println("damaged snapshot refused: " + exited.getMessage());
                return;
            }
            // Started anyway: then it must not serve the damaged state.
            System.out.println("node started despite a damaged snapshot; checking what it serves");
            assertAllKeys(victim, KEYS);
        }
    }

    private static void write(NodeProcess node, int from, int to) {
        try (Jedis jedis = node.client()) {
            for (int i = from; i < to; i++) {
                assertEquals("OK", jedis.set("k" + i, "v" + i));
            }
        }
    }

    private static void assertAllKeys(NodeProcess node, int count) throws InterruptedException {
        TestCluster.await(Duration.ofSeconds(60), () -> {
            try (Jedis jedis = node.client()) {
                return ("v" + (count - 1)).equals(jedis.get("k" + (count - 1)));
            } catch (RuntimeException e) {
                return false;
            }
        }, node.id + " caught up");
        try (Jedis jedis = node.client()) {
            for (int i = 0; i < count; i++) {
                assertEquals("v" + i, jedis.get("k" + i), "k" + i + " on " + node.id);
            }
        }
    }

    private static Path newest(Path dataDir, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && !p.getFileName().toString().endsWith(".md5"))
                    .sorted(Comparator.comparing(p -> p.toFile().lastModified())).toList();
            assertTrue(!found.isEmpty(), "no " + prefix + "* file under " + dataDir);
            return found.get(found.size() - 1);
        }
    }

    private static long endOfData(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        assertTrue(end > 16, "segment " + file + " holds no entries");
        return end;
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0xff);
        }
    }
}
