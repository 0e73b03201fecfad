package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisProtocol;

/**
 * Pub/Sub across real node processes: PUBLISH goes through the Raft log, so a subscriber on any
 * node gets every message, in one order, whichever node it was published through.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PubSubClusterTest {
    @TempDir
    Path dir;

    /** Records what a JedisPubSub receives; runs subscribe on its own thread. */
    static final class Listener extends JedisPubSub {
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        final List<String> patternMessages = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch patternSubscribed = new CountDownLatch(1);
        volatile Throwable failure;

        @Override
        public void onMessage(String channel, String message) {
            messages.add(channel + ":" + message);
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            patternMessages.add(pattern + ":" + channel + ":" + message);
        }

        @Override
        public void onSubscribe(String channel, int count) {
            subscribed.countDown();
        }

        @Override
        public void onPSubscribe(String pattern, int count) {
            patternSubscribed.countDown();
        }

        Thread start(Jedis jedis, String channel) throws InterruptedException {
            Thread t = new Thread(() -> {
                try {
                    jedis.subscribe(this, channel);
                } catch (Throwable e) {
                    failure = e;
                }
            }, "subscriber-" + channel);
            t.setDaemon(true);
            t.start();
            assertTrue(subscribed.await(30, TimeUnit.SECONDS), "subscribed to " + channel);
            return t;
        }
    }

    @Test
    void subscribersOnEveryNodeGetEveryMessageInOrderAcrossALeaderChange() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            List<NodeProcess> followers = cluster.nodes.stream().filter(n -> n != leader).toList();
            NodeProcess subscriberNode = followers.get(0);
            NodeProcess otherFollower = followers.get(1);

            // RESP2 subscriber with a channel and a pattern on a follower; RESP3 subscriber on the other follower.
            Listener resp2 = new Listener();
            Jedis resp2Conn = subscriberNode.client();
            Thread resp2Thread = resp2.start(resp2Conn, "news");
            resp2.psubscribe("ne*");
            assertTrue(resp2.patternSubscribed.await(30, TimeUnit.SECONDS));
            Listener resp3 = new Listener();
            Jedis resp3Conn = new Jedis(new HostAndPort("127.0.0.1", otherFollower.redisPort),
                    DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).socketTimeoutMillis(60_000).build());
            Thread resp3Thread = resp3.start(resp3Conn, "news");

            // NUMSUB counts this node's subscribers, as a Redis Cluster node does.
            assertEquals(List.of("news", 1L), subscriberNode.call("PUBSUB", "NUMSUB", "news"));
            assertEquals(List.of("news", 0L), leader.call("PUBSUB", "NUMSUB", "news"));
            assertEquals(1L, subscriberNode.call("PUBSUB", "NUMPAT"));

            // Published through the leader: no receivers on the leader itself, delivered on the followers.
            int count = 100;
            try (Jedis publisher = leader.client()) {
                for (int i = 0; i < count; i++) {
                    assertEquals(0L, publisher.publish("news", "m" + i));
                }
            }
            List<String> expected = new ArrayList<>();
            List<String> expectedPattern = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add("news:m" + i);
                expectedPattern.add("ne*:news:m" + i);
            }
            awaitSize(resp2.messages, count);
            awaitSize(resp2.patternMessages, count);
            awaitSize(resp3.messages, count);
            assertEquals(expected, List.copyOf(resp2.messages));
            assertEquals(expectedPattern, List.copyOf(resp2.patternMessages));
            assertEquals(expected, List.copyOf(resp3.messages));

            // Through the subscriber's own node: the reply counts its local deliveries (channel + pattern).
            try (Jedis publisher = subscriberNode.client()) {
                assertEquals(2L, publisher.publish("news", "local"));
                assertEquals(1L, publisher.publish("nets", "pattern-only"));
                assertEquals(0L, publisher.publish("other", "nobody"));
            }
            awaitSize(resp2.patternMessages, count + 2);
            assertEquals("news:local", resp2.messages.get(count));
            assertEquals("ne*:nets:pattern-only", resp2.patternMessages.get(count + 1));

            // Publishers on two nodes at once: subscribers on different nodes still see one order.
            int each = 50;
            Thread[] publishers = new Thread[2];
            List<Throwable> publishFailures = Collections.synchronizedList(new ArrayList<>());
            NodeProcess[] through = {leader, otherFollower};
            for (int p = 0; p < 2; p++) {
                NodeProcess node = through[p];
                String prefix = "p" + p + "-";
                publishers[p] = new Thread(() -> {
                    try (Jedis publisher = node.client()) {
                        for (int i = 0; i < each; i++) {
                            publisher.publish("news", prefix + i);
                        }
                    } catch (Throwable e) {
                        publishFailures.add(e);
                    }
                });
                publishers[p].start();
            }
            for (Thread t : publishers) {
                t.join(60_000);
            }
            assertEquals(List.of(), publishFailures);
            awaitSize(resp2.messages, count + 1 + 2 * each);
            awaitSize(resp3.messages, count + 1 + 2 * each);
            assertEquals(List.copyOf(resp2.messages), List.copyOf(resp3.messages));
            for (int p = 0; p < 2; p++) { // each publisher's own messages keep its order
                String prefix = "news:p" + p + "-";
                List<String> mine = resp2.messages.stream().filter(m -> m.startsWith(prefix)).toList();
                assertEquals(each, mine.size());
                for (int i = 0; i < each; i++) {
                    assertEquals(prefix + i, mine.get(i));
                }
            }

            // Kill the leader; publish through a survivor; the subscribers on the survivors get it.
            leader.kill9();
            NodeProcess newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
            assertNotEquals(leader.id, newLeader.id);
            try (Jedis publisher = otherFollower.client()) {
                TestCluster.await(Duration.ofSeconds(30), () -> {
                    try {
                        publisher.publish("news", "after-failover");
                        return true;
                    } catch (RuntimeException e) {
                        return false; // CLUSTERDOWN while the new leader settles
                    }
                }, "a publish after the leader was killed");
            }
            TestCluster.await(Duration.ofSeconds(30), () -> resp2.messages.contains("news:after-failover")
                    && resp3.messages.contains("news:after-failover"), "the message published after failover");

            resp2.unsubscribe();
            resp2.punsubscribe();
            resp3.unsubscribe();
            resp2Thread.join(10_000);
            resp3Thread.join(10_000);
            assertEquals(null, resp2.failure);
            assertEquals(null, resp3.failure);
            resp2Conn.close();
            resp3Conn.close();
        }
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        TestCluster.await(Duration.ofSeconds(60), () -> list.size() >= size, size + " messages (have " + list.size() + ")");
    }
}
