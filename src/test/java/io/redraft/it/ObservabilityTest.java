package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Prometheus endpoint, SLOWLOG and LATENCY on a real node, compared with a real
 * redis-server 7 where the two should answer alike.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ObservabilityTest {
    private static Path dir;
    private static NodeProcess node;
    private static int metricsPort;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("redraft-observability");
        metricsPort = NodeProcess.freePort();
        node = new NodeProcess("n1", dir).start("--bootstrap", "--metrics-addr", "127.0.0.1:" + metricsPort);
        TestCluster.await(Duration.ofSeconds(30), ObservabilityTest::writable, "a writable one-node cluster");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean writable() {
        try (Jedis jedis = node.client()) {
            return "OK".equals(jedis.set("probe", "1"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- /metrics ----------------------------------------------------------------------------

    @Test
    void metricsCountCommandsRaftAndNodeState() throws Exception {
        Map<String, Double> before = scrape();
        double setsBefore = before.getOrDefault("redraft_commands_processed_total{command=\"set\"}", 0.0);
        int rounds = 200;
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try (Jedis jedis = node.client()) {
                for (int r = 0; r < rounds; r++) {
                    Pipeline p = jedis.pipelined();
                    for (int i = 0; i < 10; i++) {
                        p.set("m:" + i, "v" + r);
                        p.get("m:" + i);
                    }
                    p.sync();
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        load.start();
        // Scrape while the load runs: the endpoint answers and the set counter only grows.
        double last = setsBefore;
        int scrapesDuringLoad = 0;
        while (load.isAlive()) {
            double sets = scrape().getOrDefault("redraft_commands_processed_total{command=\"set\"}", 0.0);
            assertTrue(sets >= last, "counters never go down: " + sets + " after " + last);
            last = sets;
            scrapesDuringLoad++;
        }
        load.join();
        assertEquals(null, failed.get());
        assertTrue(scrapesDuringLoad > 0);
        try (Jedis jedis = node.client()) {
            jedis.set("text", "abc");
            try {
                jedis.incr("text");
            } catch (JedisDataException expected) {
                // ERR value is not an integer
            }
            assertEquals("OK", node.call("SNAPSHOT"));
        }

        Map<String, Double> m = scrape();
        double sets = m.get("redraft_commands_processed_total{command=\"set\"}");
        assertTrue(sets - setsBefore >= rounds * 10 + 1, "sets counted: " + sets + " from " + setsBefore);
        assertTrue(m.get("redraft_command_duration_seconds_count{command=\"get\"}") >= rounds * 10);
        assertTrue(m.get("redraft_command_duration_seconds_bucket{command=\"get\",le=\"+Inf\"}") >= rounds * 10);
        assertTrue(m.get("redraft_command_duration_seconds_sum{command=\"set\"}") > 0);
        assertTrue(m.get("redraft_command_errors_total{command=\"incr\"}") >= 1);
        assertEquals(0.0, m.getOrDefault("redraft_command_errors_total{command=\"get\"}", 0.0));
        assertTrue(m.get("redraft_raft_commit_duration_seconds_count") >= 1);
        assertTrue(m.get("redraft_raft_write_batch_commands_sum") >= rounds * 10);
        assertTrue(m.get("redraft_raft_log_fsync_duration_seconds_count") >= 1, "fsyncs timed through Ratis's timer");
        assertTrue(m.get("redraft_snapshot_duration_seconds_count{kind=\"take\"}") >= 1);
        assertEquals(1.0, m.get("redraft_raft_is_leader"));
        assertEquals(1.0, m.get("redraft_raft_role{role=\"leader\"}"));
        assertTrue(m.get("redraft_raft_term") >= 1);
        assertTrue(m.get("redraft_raft_leader_changes_total") >= 1);
        assertTrue(m.get("redraft_raft_commit_index") >= rounds);
        assertTrue(m.get("redraft_raft_snapshot_index") >= 1);
        assertEquals(1.0, m.get("redraft_raft_members"));
        assertTrue(m.get("redraft_connected_clients") >= 0);
        assertTrue(m.get("redraft_used_memory_bytes") > 0);
        assertTrue(m.get("redraft_jvm_heap_used_bytes") > 0);
        assertTrue(m.get("redraft_raft_log_size_bytes") >= 0);

        String log = Files.readString(node.logFile().toPath());
        assertTrue(log.matches("(?s).*leader changed: term=\\d+ leader=n1 .*"), "leader change logged at INFO");
        assertTrue(log.matches("(?s).*membership changed: term=\\d+ index=\\d+ members=\\[n1@.*"), "membership logged");
    }

    @Test
    void infoRaftSectionShowsLogSnapshotAndPeers() {
        try (Jedis jedis = node.client()) {
            String info = jedis.info("raft");
            for (String field : List.of("raft_role:leader", "raft_term:", "raft_leader_id:n1", "raft_commit_index:",
                    "raft_last_applied_index:", "raft_last_snapshot_index:", "raft_log_start_index:",
                    "raft_log_entries:", "raft_log_size_bytes:", "raft_peer0:id=n1,address=" + node.raftAddr()
                            + ",role=leader,match_index=")) {
                assertTrue(info.contains(field), field + " in " + info);
            }
        }
    }

    private static Map<String, Double> scrape() throws Exception {
        return MetricsScrape.scrape(metricsPort);
    }

    // ---- SLOWLOG -------------------------------------------------------------------------------

    @Test
    void slowlogMatchesRedis() throws Exception {
        try (Jedis redraft = node.client()) {
            List<Object> ours = slowlogSequence(redraft);
            withRedis(redis -> assertEquals(slowlogSequence(redis), ours));
        }
    }

    /**
     * Logs everything, runs commands with many and long arguments, trims the log, and returns
     * what a client sees (ids, times and durations left out, as they differ between servers).
     */
    private static List<Object> slowlogSequence(Jedis jedis) {
        List<Object> seen = new ArrayList<>();
        seen.add(jedis.configGet("slowlog-*"));
        jedis.clientSetname("observer");
        jedis.configSet("slowlog-log-slower-than", "0");
        jedis.configSet("slowlog-max-len", "128");
        assertEquals("OK", NodeProcess.call(jedis, "SLOWLOG", "RESET"));
        String[] many = new String[41];
        many[0] = "sl:list";
        for (int i = 1; i < many.length; i++) {
            many[i] = "e" + i;
        }
        jedis.del("sl:list");
        jedis.rpush(many[0], java.util.Arrays.copyOfRange(many, 1, many.length));
        jedis.set("sl:big", "x".repeat(200));
        jedis.get("sl:big");
        seen.add(NodeProcess.call(jedis, "SLOWLOG", "LEN"));
        List<?> entries = (List<?>) jedis.sendCommand(() -> "SLOWLOG".getBytes(), "GET", "-1");
        long now = System.currentTimeMillis() / 1000;
        long previousId = Long.MAX_VALUE;
        for (Object o : entries) {
            List<?> e = (List<?>) o;
            assertEquals(6, e.size());
            long id = (Long) e.get(0);
            assertTrue(id < previousId, "newest first");
            previousId = id;
            assertTrue(Math.abs((Long) e.get(1) - now) < 60, "timestamp in seconds");
            assertTrue((Long) e.get(2) >= 0, "duration in microseconds");
            String addr = new String((byte[]) e.get(4));
            assertTrue(addr.matches("127\\.0\\.0\\.1:\\d+"), addr);
            List<String> argv = new ArrayList<>();
            for (Object a : (List<?>) e.get(3)) {
                argv.add(new String((byte[]) a));
            }
            seen.add(List.of(argv, new String((byte[]) e.get(5))));
        }
        seen.add(((List<?>) NodeProcess.call(jedis, "SLOWLOG", "GET")).size()); // default count: 10
        seen.add(((List<?>) NodeProcess.call(jedis, "SLOWLOG", "GET", "2")).size());
        seen.add(error(() -> NodeProcess.call(jedis, "SLOWLOG", "GET", "-2")));
        seen.add(error(() -> NodeProcess.call(jedis, "SLOWLOG", "GET", "x")));
        seen.add(error(() -> NodeProcess.call(jedis, "SLOWLOG", "NOPE")));
        seen.add(((List<?>) NodeProcess.call(jedis, "SLOWLOG", "HELP")).get(0));

        // max-len trims the oldest entries
        jedis.configSet("slowlog-max-len", "3");
        for (int i = 0; i < 5; i++) {
            jedis.set("sl:k" + i, "v");
        }
        seen.add(NodeProcess.call(jedis, "SLOWLOG", "LEN"));
        // a negative threshold logs nothing
        jedis.configSet("slowlog-log-slower-than", "-1");
        NodeProcess.call(jedis, "SLOWLOG", "RESET");
        jedis.set("sl:k", "v");
        seen.add(NodeProcess.call(jedis, "SLOWLOG", "LEN"));
        seen.add(error(() -> jedis.configSet("slowlog-log-slower-than", "-2")));
        jedis.configSet("slowlog-log-slower-than", "10000");
        jedis.configSet("slowlog-max-len", "128");
        seen.add(jedis.configGet("slowlog-*"));
        return seen;
    }

    // ---- LATENCY -------------------------------------------------------------------------------

    @Test
    void latencyMonitorRecordsSlowCommands() throws Exception {
        try (Jedis jedis = node.client()) {
            assertEquals("0", jedis.configGet("latency-monitor-threshold").get("latency-monitor-threshold"));
            assertTrue(NodeProcess.call(jedis, "LATENCY", "DOCTOR").toString().contains("Latency monitoring is disabled"));
            jedis.configSet("latency-monitor-threshold", "1");
            // A script busy for well over a millisecond: a "command" event (EVAL is not FAST).
            String busy = "local x = 0 for i = 1, 300000 do x = x + i end return x";
            TestCluster.await(Duration.ofSeconds(30), () -> {
                jedis.eval(busy, 0);
                return latest(jedis).containsKey("command");
            }, "a command latency event");
            List<?> row = latest(jedis).get("command");
            long now = System.currentTimeMillis() / 1000;
            assertTrue(Math.abs((Long) row.get(1) - now) < 60, "time of the latest spike");
            assertTrue((Long) row.get(2) >= 1 && (Long) row.get(3) >= (Long) row.get(2), row.toString());
            List<?> history = (List<?>) NodeProcess.call(jedis, "LATENCY", "HISTORY", "command");
            assertTrue(!history.isEmpty());
            for (Object sample : history) {
                assertEquals(2, ((List<?>) sample).size());
                assertTrue((Long) ((List<?>) sample).get(1) >= 1);
            }
            assertEquals(List.of(), NodeProcess.call(jedis, "LATENCY", "HISTORY", "no-such-event"));
            String doctor = NodeProcess.call(jedis, "LATENCY", "DOCTOR").toString();
            assertTrue(doctor.contains("command: ") && doctor.contains("latency spikes"), doctor);

            jedis.configSet("latency-monitor-threshold", "0"); // nothing new is recorded from here
            assertEquals(0L, NodeProcess.call(jedis, "LATENCY", "RESET", "no-such-event"));
            assertTrue((Long) NodeProcess.call(jedis, "LATENCY", "RESET") >= 1);
            assertEquals(List.of(), NodeProcess.call(jedis, "LATENCY", "LATEST"));
        }
    }

    @Test
    void latencyRepliesHaveRedisShapes() throws Exception {
        try (Jedis redraft = node.client()) {
            List<Object> ours = latencyShapes(redraft);
            withRedis(redis -> assertEquals(latencyShapes(redis), ours));
        }
    }

    private static List<Object> latencyShapes(Jedis jedis) {
        List<Object> seen = new ArrayList<>();
        seen.add(NodeProcess.call(jedis, "LATENCY", "HISTORY", "no-such-event"));
        seen.add(NodeProcess.call(jedis, "LATENCY", "RESET", "no-such-event"));
        seen.add(error(() -> NodeProcess.call(jedis, "LATENCY", "NOPE")));
        seen.add(error(() -> NodeProcess.call(jedis, "LATENCY", "HISTORY")));
        seen.add(((List<?>) NodeProcess.call(jedis, "LATENCY", "HELP")).get(0));
        return seen;
    }

    private static Map<String, List<?>> latest(Jedis jedis) {
        Map<String, List<?>> rows = new HashMap<>();
        for (Object o : (List<?>) NodeProcess.call(jedis, "LATENCY", "LATEST")) {
            List<?> row = (List<?>) o;
            assertEquals(4, row.size());
            rows.put((String) row.get(0), row);
        }
        return rows;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String error(Runnable command) {
        try {
            command.run();
            return "no error";
        } catch (JedisDataException e) {
            return e.getMessage();
        }
    }

    interface RedisCheck {
        void run(Jedis redis) throws Exception;
    }

    /** Runs {@code check} against a fresh redis-server 7, when one is installed. */
    private static void withRedis(RedisCheck check) throws Exception {
        File binary = new File("/usr/bin/redis-server");
        if (!binary.canExecute()) {
            return;
        }
        int port = NodeProcess.freePort();
        Process redis = new ProcessBuilder(binary.getPath(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            TestCluster.await(Duration.ofSeconds(30), () -> {
                try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
                    return "PONG".equals(j.ping());
                } catch (RuntimeException e) {
                    return false;
                }
            }, "redis-server");
            try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
                check.run(jedis);
            }
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
