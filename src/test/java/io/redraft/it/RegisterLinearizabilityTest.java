package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.jepsen.History;
import io.redraft.jepsen.LinearizabilityChecker;
import io.redraft.jepsen.Op;
import io.redraft.jepsen.RegisterModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Jepsen-style: concurrent clients on every node SET unique values and GET a few registers while
 * a nemesis hits the leader; the recorded history must be linearizable. An error reply other
 * than -TIMEOUT means "not applied" (the spec's promise); a dropped connection or a -TIMEOUT is an
 * unknown outcome.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RegisterLinearizabilityTest {
    private static final int CLIENTS = 6;
    private static final String[] KEYS = {"r0", "r1", "r2"};

    /** Something done to the leader in the middle of the run, and undone a few seconds later. */
    private interface Nemesis {
        void strike(TestCluster cluster, NodeProcess leader) throws Exception;

        void heal(TestCluster cluster, NodeProcess leader) throws Exception;
    }

    @TempDir
    Path dir;

    @Test
    void registersStayLinearizableWhileTheLeaderIsKilled(TestInfo test) throws Exception {
        runWith(new Nemesis() {
            public void strike(TestCluster cluster, NodeProcess leader) throws Exception {
                leader.kill9();
            }

            public void heal(TestCluster cluster, NodeProcess leader) throws Exception {
                leader.start();
            }
        }, test);
    }

    /**
     * A paused leader is deposed while frozen; when it wakes it still believes it leads, and must
     * neither serve a stale read (its lease has run out) nor acknowledge a write.
     */
    @Test
    void registersStayLinearizableWhileTheLeaderIsPaused(TestInfo test) throws Exception {
        runWith(new Nemesis() {
            public void strike(TestCluster cluster, NodeProcess leader) throws Exception {
                leader.pause();
            }

            public void heal(TestCluster cluster, NodeProcess leader) throws Exception {
                leader.resume();
            }
        }, test);
    }

    /**
     * An isolated leader keeps running and may believe it leads until its lease and election
     * timers tell it otherwise; the majority side elects a new leader meanwhile.
     */
    @Test
    void registersStayLinearizableWhileTheLeaderIsPartitionedAway(TestInfo test) throws Exception {
        runWith(new Nemesis() {
            public void strike(TestCluster cluster, NodeProcess leader) {
                cluster.network.isolate(leader);
            }

            public void heal(TestCluster cluster, NodeProcess leader) {
                cluster.network.heal();
            }
        }, test);
    }

    private void runWith(Nemesis nemesis, TestInfo test) throws Exception {
        String testName = test.getTestMethod().orElseThrow().getName();
        try (TestCluster cluster = TestCluster.formBehindNetwork(dir, 3)) {
            History history = new History();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong values = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int p = 0; p < CLIENTS; p++) {
                NodeProcess node = cluster.nodes.get(p % cluster.nodes.size());
                int process = p;
                clients.add(pool.submit(() -> runClient(process, node, history, values, stop)));
            }

            Thread.sleep(4000);
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
            nemesis.strike(cluster, leader);
            NodeProcess successor = awaitLeaderOtherThan(cluster, leader, Duration.ofSeconds(15));
            Thread.sleep(4000);
            nemesis.heal(cluster, leader);
            Thread.sleep(4000);
            stop.set(true);
            for (Future<?> c : clients) {
                c.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            long ok = history.operations().stream().filter(o -> o.status() == History.Status.OK).count();
            assertTrue(ok > 200, "too few successful operations to mean anything: " + ok);
            LinearizabilityChecker.Result result =
                    LinearizabilityChecker.check(history, new RegisterModel(), Duration.ofSeconds(60));
            System.out.println(testName + ": leader " + leader.id + " -> " + successor.id + "; "
                    + history.size() + " operations, " + ok + " ok; "
                    + (result.linearizable() ? "linearizable" : result.report()));
            assertTrue(result.linearizable(), result.report());
        }
    }

    /** The nemesis must bite: the nodes it left alone elect someone else. */
    private static NodeProcess awaitLeaderOtherThan(TestCluster cluster, NodeProcess old, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (NodeProcess n : cluster.nodes) {
                if (n == old) {
                    continue;
                }
                try {
                    String leaderId = String.valueOf(n.call("LEADER")).split(" ")[0];
                    if (!leaderId.equals(old.id)) {
                        return cluster.node(leaderId);
                    }
                } catch (RuntimeException e) {
                    // no leader known yet
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new leader elected after the nemesis struck " + old.id);
    }

    private static void runClient(int process, NodeProcess node, History history, AtomicLong values,
                                  AtomicBoolean stop) {
        SplittableRandom random = new SplittableRandom(process);
        Jedis jedis = null;
        while (!stop.get()) {
            String key = KEYS[random.nextInt(KEYS.length)];
            boolean write = random.nextBoolean();
            String value = write ? "v" + values.incrementAndGet() : null;
            long id = history.invoke(process, write ? Op.write(key, value) : Op.read(key));
            try {
                if (jedis == null) {
                    jedis = new Jedis("127.0.0.1", node.redisPort, 5000);
                }
                if (write) {
                    jedis.set(key, value);
                    history.ok(id, null);
                } else {
                    history.ok(id, jedis.get(key));
                }
            } catch (JedisDataException e) {
                if (write && e.getMessage() != null && e.getMessage().startsWith("TIMEOUT")) {
                    history.info(id);
                } else {
                    history.fail(id);
                }
                pause(50);
            } catch (RuntimeException e) {
                history.info(id); // connection refused or dropped: the outcome is unknown
                if (jedis != null) {
                    jedis.close();
                    jedis = null;
                }
                pause(100);
            }
        }
        if (jedis != null) {
            jedis.close();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
