package io.redraft.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The workload {@code ./redraft} runs once per build on Java 25+ under {@code -XX:AOTCacheOutput}:
 * the JVM then keeps the classes it loaded and linked (and the methods it profiled) in an AOT
 * cache that every later node start maps instead of loading them from the jar (JEP 483, 514,
 * 515; docs/PERFORMANCE.md, "Restart"). A one-node cluster in a scratch directory starts, serves
 * the common commands, snapshots, and starts again from its snapshot and log, as a restart does.
 */
final class AotTraining {
    private static final int KEYS = 500;
    private static final long READY_WITHIN_MS = TimeUnit.SECONDS.toMillis(60);

    private AotTraining() {}

    static void run(Path dataDir) throws Exception {
        String redis = "127.0.0.1:" + freePort();
        String raft = "127.0.0.1:" + freePort();
        for (int start = 0; start < 2; start++) {
            ServerConfig config = ConfigLoader.load(ConfigLoader.parseOptions("--id", "aot", "--redis-addr", redis,
                    "--raft-addr", raft, "--data-dir", dataDir.toString(), "--bootstrap"));
            try (RedraftNode node = RedraftNode.start(config);
                 RespClient client = new RespClient(HostPort.parse(redis), 10_000)) {
                awaitWritable(client);
                workload(client);
                if (start == 0) {
                    client.call("SNAPSHOT");
                    workload(client); // a log tail after the snapshot, for the second start to replay
                }
            }
        }
    }

    private static void workload(RespClient c) throws IOException {
        for (int i = 0; i < KEYS; i++) {
            String key = "key:" + i;
            c.call("SET", key, "value-" + i);
            c.call("GET", key);
            c.call("INCR", "counter");
            c.call("HSET", "hash:" + (i % 100), "field" + i, "v");
            c.call("LPUSH", "list", key);
            c.call("ZADD", "zset", Integer.toString(i), key);
            c.call("SADD", "set", key);
        }
        c.call("MSET", "a", "1", "b", "2");
        c.call("MGET", "a", "b");
        c.call("EXPIRE", "a", "100");
        c.call("LRANGE", "list", "0", "10");
        c.call("ZRANGE", "zset", "0", "10");
        c.call("HGETALL", "hash:1");
        c.call("DEL", "b");
        c.call("INFO");
    }

    private static void awaitWritable(RespClient c) throws Exception {
        long deadline = System.currentTimeMillis() + READY_WITHIN_MS;
        while (true) {
            try {
                c.call("SET", "ready", "1");
                return;
            } catch (RespClient.ServerError e) { // no leader yet
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
