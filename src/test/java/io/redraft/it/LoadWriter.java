package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A client writing unique keys ({@code SET key key}, never reusing a key) through the nodes of a
 * cluster, {@code pipeline} requests at a time, and recording every reply: what was acknowledged,
 * what failed and how. The lifecycle tests' contract: a request fails only with a retryable error
 * (-CLUSTERDOWN or -TRYAGAIN, which mean the write did not happen; -TIMEOUT, whose outcome is
 * unknown; or the connection closing before the reply), never hangs, and every acknowledged
 * write survives. After an error or a broken connection the writer moves to the next node, as a
 * client with a list of seeds would.
 */
final class LoadWriter implements Runnable {
    /** A reply slower than this counts as a hang, not a retryable failure. */
    private static final int SOCKET_TIMEOUT_MS = 10_000;

    private final String name;
    private final List<NodeProcess> nodes;
    private final int pipeline;
    private final Thread thread;
    private int node;
    final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    /** Keys answered with an error that says the write was not applied. */
    final List<String> notApplied = Collections.synchronizedList(new ArrayList<>());
    /** Retryable failures by kind: CLUSTERDOWN, TRYAGAIN, TIMEOUT, closed. */
    final Map<String, Integer> retryable = new ConcurrentHashMap<>();
    /** Any other error reply, with how often it came. */
    final Map<String, Integer> unexpected = new ConcurrentHashMap<>();
    volatile int hangs;
    private volatile boolean stop;

    /** Starts writing through {@code nodes.get(first)}, then the next node after each failure. */
    LoadWriter(String name, List<NodeProcess> nodes, int first, int pipeline) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.node = first;
        this.pipeline = pipeline;
        this.thread = new Thread(this, "writer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops writing and waits for the last batch's replies. */
    void stop() throws InterruptedException {
        stop = true;
        thread.join(3L * SOCKET_TIMEOUT_MS);
        assertTrue(!thread.isAlive(), "writer " + name + " did not stop");
    }

    int failures() {
        return retryable.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void run() {
        int seq = 0;
        Jedis jedis = null;
        while (!stop) {
            List<String> keys = new ArrayList<>();
            List<Response<String>> replies = new ArrayList<>();
            try {
                if (jedis == null) {
                    jedis = new Jedis("127.0.0.1", nodes.get(node % nodes.size()).redisPort, SOCKET_TIMEOUT_MS);
                    jedis.connect();
                }
                Pipeline p = jedis.pipelined();
                for (int i = 0; i < pipeline; i++) {
                    String key = name + "-" + seq++;
                    keys.add(key);
                    replies.add(p.set(key, key));
                }
                p.sync();
                boolean failed = false;
                for (int i = 0; i < keys.size(); i++) {
                    failed |= !record(keys.get(i), replies.get(i));
                }
                if (failed) {
                    jedis.close();
                    jedis = null;
                    node++;
                    sleep(50);
                }
            } catch (JedisConnectionException e) {
                // Requests whose reply arrived count as answered; the rest failed before their
                // reply (outcome unknown). No request sent: the node refused the connection.
                boolean hang = causedBy(e, SocketTimeoutException.class);
                for (int i = 0; i < replies.size(); i++) {
                    try {
                        record(keys.get(i), replies.get(i));
                    } catch (IllegalStateException unanswered) {
                        if (hang) {
                            hangs++;
                        } else {
                            retryable.merge("closed", 1, Integer::sum);
                        }
                    }
                }
                if (jedis != null) {
                    jedis.close();
                    jedis = null;
                }
                node++;
                sleep(100);
            }
        }
        if (jedis != null) {
            jedis.close();
        }
    }

    /** True if {@code key} was acknowledged. */
    private boolean record(String key, Response<String> reply) {
        try {
            String r = reply.get();
            if ("OK".equals(r)) {
                acknowledged.add(key);
                return true;
            }
            unexpected.merge("reply " + r, 1, Integer::sum);
        } catch (JedisDataException e) {
            String message = String.valueOf(e.getMessage());
            String kind = message.split(" ")[0];
            switch (kind) {
                case "CLUSTERDOWN", "TRYAGAIN" -> notApplied.add(key);
                case "TIMEOUT" -> { }
                default -> {
                    unexpected.merge(message, 1, Integer::sum);
                    return false;
                }
            }
            retryable.merge(kind, 1, Integer::sum);
        } catch (JedisConnectionException e) {
            retryable.merge("closed", 1, Integer::sum);
        }
        return false;
    }

    /**
     * Asserts the contract through {@code via}: no unexpected error or hang, every acknowledged
     * key present, every key refused with a "not applied" error absent.
     */
    void verify(Jedis via) {
        assertTrue(unexpected.isEmpty(), name + ": non-retryable errors " + unexpected);
        assertEquals(0, hangs, name + ": requests with no reply within " + SOCKET_TIMEOUT_MS + " ms");
        List<String> acked;
        List<String> refused;
        synchronized (acknowledged) {
            acked = new ArrayList<>(acknowledged);
        }
        synchronized (notApplied) {
            refused = new ArrayList<>(notApplied);
        }
        for (List<String> chunk : chunks(acked)) {
            List<String> values = via.mget(chunk.toArray(String[]::new));
            for (int i = 0; i < chunk.size(); i++) {
                assertEquals(chunk.get(i), values.get(i), "acknowledged write " + chunk.get(i) + " lost");
            }
        }
        for (List<String> chunk : chunks(refused)) {
            List<String> values = via.mget(chunk.toArray(String[]::new));
            for (int i = 0; i < chunk.size(); i++) {
                assertNull(values.get(i), "write " + chunk.get(i) + " was refused as not applied, yet applied");
            }
        }
    }

    String summary() {
        return name + ": " + acknowledged.size() + " acknowledged, retryable failures " + retryable;
    }

    private static List<List<String>> chunks(List<String> keys) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += 500) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + 500)));
        }
        return chunks;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
