package io.redraft.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.it.NodeProcess;
import io.redraft.it.TestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Regression: a leader paused with writes in flight is deposed; when it wakes, Ratis answers its
 * pending requests NotLeader although the entries may be committed by the new leader. The node
 * used to resend them as new requests, so an RPUSH could land twice. Clients hammer one list
 * through the leader across several pauses; no element may appear twice and no acknowledged one
 * may be missing.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeposedLeaderWriteTest {
    private static final int CLIENTS = 8;
    private static final String KEY = "deposed:list";

    @TempDir
    Path dir;

    @Test
    void writesPendingOnAPausedLeaderApplyAtMostOnce() throws Exception {
        try (TestCluster cluster = TestCluster.formBehindNetwork(dir, 3)) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicLong elements = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                NodeProcess node = cluster.nodes.get(c % cluster.nodes.size());
                clients.add(pool.submit(() -> append(node, elements, acknowledged, stop)));
            }
            try {
                for (int round = 0; round < 4; round++) {
                    Thread.sleep(1500);
                    NodeProcess leader = Leaders.current(cluster);
                    leader.pause();
                    Leaders.awaitOtherThan(cluster, leader, cluster.nodes.stream().filter(n -> n != leader).toList());
                    Thread.sleep(1000);
                    leader.resume();
                }
                Thread.sleep(2000);
            } finally {
                stop.set(true);
                for (Future<?> c : clients) {
                    c.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
            List<String> list;
            try (Jedis jedis = Leaders.current(cluster).client()) {
                list = jedis.lrange(KEY, 0, -1);
            }
            Map<String, Integer> counts = new HashMap<>();
            list.forEach(e -> counts.merge(e, 1, Integer::sum));
            List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertEquals(List.of(), twice, "elements appended once but present more than once");
            List<String> lost = acknowledged.stream().filter(e -> !counts.containsKey(e)).toList();
            assertEquals(List.of(), lost, "acknowledged elements missing");
            assertTrue(acknowledged.size() > 100, "too few acknowledged appends: " + acknowledged.size());
        }
    }

    private static void append(NodeProcess node, AtomicLong elements, Set<String> acknowledged, AtomicBoolean stop) {
        Jedis jedis = null;
        while (!stop.get()) {
            String element = "e" + elements.incrementAndGet();
            try {
                if (jedis == null) {
                    jedis = new Jedis("127.0.0.1", node.redisPort, 5000);
                }
                jedis.rpush(KEY, element);
                acknowledged.add(element);
            } catch (RuntimeException e) {
                if (jedis != null) {
                    jedis.close();
                    jedis = null;
                }
                Pause.ms(50);
            }
        }
        if (jedis != null) {
            jedis.close();
        }
    }
}
