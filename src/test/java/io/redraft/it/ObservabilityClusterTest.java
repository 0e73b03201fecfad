package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Leader and term gauges, peers in INFO raft and the change log lines on a three-node cluster. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ObservabilityClusterTest {
    @TempDir
    Path dir;

    @Test
    void leaderChangesShowInGaugesInfoAndLogs() throws Exception {
        Map<String, Integer> metricsPorts = new HashMap<>();
        try (TestCluster cluster = TestCluster.formWith(dir, 3, n -> {
            int port = freePort();
            metricsPorts.put(n.id, port);
            return List.of("--metrics-addr", "127.0.0.1:" + port);
        })) {
            List<NodeProcess> nodes = cluster.nodes;
            NodeProcess first = nodes.get(0);
            TestCluster.await(Duration.ofSeconds(60), () -> write(first, "k", "1"), "a write through n1");
            String leader = leaderOf(first);
            NodeProcess leaderNode = nodes.stream().filter(n -> n.id.equals(leader)).findFirst().orElseThrow();

            // The leader's INFO raft lists every member with its match index; followers catch up.
            TestCluster.await(Duration.ofSeconds(60), () -> {
                String info = info(leaderNode);
                return info.contains("raft_members:3") && info.contains("raft_peer2:")
                        && info.lines().filter(l -> l.startsWith("raft_peer") && l.contains(",lag=0,")).count() == 3;
            }, "three caught-up peers in INFO raft");

            // Exactly one node reports itself leader; all agree on the term.
            double term = -1;
            int leaders = 0;
            for (NodeProcess n : nodes) {
                Map<String, Double> m = MetricsScrape.scrape(metricsPorts.get(n.id));
                leaders += m.get("redraft_raft_is_leader").intValue();
                assertTrue(m.get("redraft_raft_leader_changes_total") >= 1, n.id);
                assertEquals(3.0, m.get("redraft_raft_members"), n.id);
                if (term < 0) {
                    term = m.get("redraft_raft_term");
                }
                assertEquals(term, m.get("redraft_raft_term"), n.id);
            }
            assertEquals(1, leaders);

            // Stopping the leader elects another: the survivors count the change, in a later term.
            leaderNode.stop();
            List<NodeProcess> survivors = nodes.stream().filter(n -> n != leaderNode).toList();
            double oldTerm = term;
            TestCluster.await(Duration.ofSeconds(60), () -> {
                int count = 0;
                for (NodeProcess n : survivors) {
                    Map<String, Double> m = MetricsScrape.scrapeQuietly(metricsPorts.get(n.id));
                    if (m.getOrDefault("redraft_raft_term", 0.0) <= oldTerm) {
                        return false;
                    }
                    count += m.getOrDefault("redraft_raft_is_leader", 0.0).intValue();
                }
                return count == 1;
            }, "a new leader in a later term");
            for (NodeProcess n : survivors) {
                String log = Files.readString(n.logFile().toPath());
                assertTrue(log.lines().anyMatch(l -> l.matches(".*membership changed: term=\\d+ index=\\d+ members=\\[.*")
                                && l.contains("n1@") && l.contains("n2@") && l.contains("n3@")),
                        n.id + " logs the three-member configuration");
                long leaderLines = log.lines().filter(l -> l.contains("leader changed: term=")).count();
                assertTrue(leaderLines >= 2, n.id + " logs both leaders: " + leaderLines);
            }
        }
    }

    private static int freePort() {
        try {
            return NodeProcess.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean write(NodeProcess n, String key, String value) {
        try (Jedis jedis = n.client()) {
            return "OK".equals(jedis.set(key, value));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String leaderOf(NodeProcess n) {
        return String.valueOf(n.call("LEADER")).split(" ")[0];
    }

    private static String info(NodeProcess n) {
        try (Jedis jedis = n.client()) {
            return jedis.info("raft");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
