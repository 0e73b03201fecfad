package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * requirepass and ACL users on a real three-node cluster formed with --bootstrap/--join (the
 * joining nodes' JOIN requests AUTH with their requirepass): users created through one node are
 * enforced by the others, with Redis's error texts, through Jedis and redis-cli, and survive a
 * restart of every node (snapshot plus log tail).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AclClusterTest {
    static final String PASS = "s3cret";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void usersAreReplicatedEnforcedEverywhereAndSurviveRestarts() throws Exception {
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                NodeProcess n = new NodeProcess("n" + i, dir);
                n.alwaysStartWith("--requirepass", PASS);
                nodes.add(n);
            }
            NodeProcess n1 = nodes.get(0);
            n1.start("--bootstrap");
            nodes.get(1).start("--join", n1.redisAddr());
            nodes.get(2).start("--join", n1.redisAddr());
            TestCluster.await(WAIT, () -> members(n1) == 3, "three members");

            for (NodeProcess n : nodes) {
                try (Jedis anonymous = new Jedis("127.0.0.1", n.redisPort, 20_000)) {
                    assertEquals("NOAUTH Authentication required.", error(() -> anonymous.set("k", "v")));
                    assertEquals("WRONGPASS invalid username-password pair or user is disabled.",
                            error(() -> anonymous.auth("wrong")));
                    assertEquals("OK", anonymous.auth(PASS));
                    assertEquals("PONG", anonymous.ping());
                }
            }

            // a user created through n1 ...
            try (Jedis admin = admin(n1)) {
                assertEquals("OK", call(admin, "ACL", "SETUSER", "alice", "on", ">pw", "~app:*", "&chat",
                        "+@read", "+set", "+publish", "+eval"));
            }
            // ... logs in on n2 and n3 at once (a refusal waits for a read barrier) and is enforced there
            for (NodeProcess n : nodes.subList(1, 3)) {
                try (Jedis alice = new Jedis("127.0.0.1", n.redisPort, 20_000)) {
                    assertEquals("OK", alice.auth("alice", "pw"), "alice right after SETUSER on " + n.id);
                    assertEquals("OK", alice.set("app:" + n.id, "v"));
                    assertEquals("v", alice.get("app:" + n.id));
                    assertEquals("NOPERM No permissions to access a key", error(() -> alice.get("other")));
                    assertEquals("NOPERM User alice has no permissions to run the 'del' command",
                            error(() -> alice.del("app:" + n.id)));
                    assertEquals("NOPERM No permissions to access a channel", error(() -> alice.publish("news", "m")));
                    assertEquals(0L, alice.publish("chat", "m"));
                    // a script's calls are checked in the log, on every replica, with alice's permissions
                    assertEquals("v", text(alice.eval("return redis.call('GET', KEYS[1])", 1, "app:" + n.id)));
                    assertTrue(error(() -> alice.eval("return redis.call('GET', 'other')", 0))
                            .startsWith("ERR ACL failure in script: No permissions to access a key"));
                }
            }
            NodeProcess n3 = nodes.get(2);
            assertEquals("NOPERM No permissions to access a key", redisCli(n3, "--user", "alice", "--pass", "pw",
                    "GET", "other"));
            assertEquals("v", redisCli(n3, "--user", "alice", "--pass", "pw", "GET", "app:n3"));
            assertEquals("PONG", redisCli(n3, "-a", PASS, "PING"));
            assertEquals("NOAUTH Authentication required.", redisCli(n3, "PING"));

            // deleting a user through n2 closes its connections on n3
            try (Jedis alice = new Jedis("127.0.0.1", n3.redisPort, 20_000); Jedis admin2 = admin(nodes.get(1))) {
                assertEquals("OK", alice.auth("alice", "pw"));
                assertEquals("OK", call(admin2, "ACL", "SETUSER", "bob", "on", ">bobpw", "allkeys", "+@all"));
                assertEquals(1L, call(admin2, "ACL", "DELUSER", "alice"));
                TestCluster.await(WAIT, () -> closed(alice), "alice's connection on n3 closed");
            }

            // snapshot, then a change in the log tail; every node restarts with both
            try (Jedis admin = admin(n1)) {
                assertEquals("OK", call(admin, "SNAPSHOT"));
                assertEquals("OK", call(admin, "ACL", "SETUSER", "carol", "on", ">cpw", "~c:*", "+get"));
            }
            for (NodeProcess n : nodes) {
                try (Jedis j = new Jedis("127.0.0.1", n.redisPort, 20_000)) {
                    Object hello = call(j, "HELLO", "3", "AUTH", "carol", "cpw");
                    assertTrue(hello instanceof java.util.Map<?, ?> || hello instanceof List<?>,
                            "HELLO AUTH of carol right after SETUSER on " + n.id + ": " + hello);
                }
            }
            for (NodeProcess n : nodes) {
                n.stop();
            }
            for (NodeProcess n : nodes) {
                n.start();
            }
            for (NodeProcess n : nodes) {
                try (Jedis j = new Jedis("127.0.0.1", n.redisPort, 20_000)) {
                    assertEquals("NOAUTH Authentication required.", error(j::ping));
                    TestCluster.await(WAIT, () -> tryAuth(j, "bob", "bobpw"), "bob after restart on " + n.id);
                    assertEquals("WRONGPASS invalid username-password pair or user is disabled.",
                            error(() -> j.auth("alice", "pw")));
                    assertEquals("OK", j.auth("carol", "cpw"));
                    assertEquals("NOPERM User carol has no permissions to run the 'set' command",
                            error(() -> j.set("c:1", "v")));
                    assertEquals("OK", j.auth(PASS));
                    // ACL USERS reads after the read barrier: wait for the restarted cluster's leader
                    TestCluster.await(WAIT, () -> List.of("bob", "carol", "default").equals(users(j)),
                            "ACL USERS on " + n.id);
                }
            }
        } finally {
            for (NodeProcess n : nodes) {
                n.close();
            }
        }
    }

    static Jedis admin(NodeProcess n) {
        Jedis j = new Jedis("127.0.0.1", n.redisPort, 20_000);
        j.auth(PASS);
        return j;
    }

    static Object call(Jedis j, String... argv) {
        Object r = NodeProcess.call(j, argv[0], java.util.Arrays.copyOfRange(argv, 1, argv.length));
        return r instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : r;
    }

    static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    static int members(NodeProcess n) {
        try (Jedis j = admin(n)) {
            return (int) text(NodeProcess.call(j, "NODES")).lines().filter(l -> !l.isBlank()).count();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> users(Jedis j) {
        try {
            return ((List<Object>) NodeProcess.call(j, "ACL", "USERS")).stream().map(AclClusterTest::text).toList();
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
    }

    static boolean tryAuth(Jedis j, String user, String pass) {
        try {
            return "OK".equals(j.auth(user, pass));
        } catch (JedisDataException e) {
            return false;
        }
    }

    static boolean closed(Jedis j) {
        try {
            j.ping();
            return false;
        } catch (JedisConnectionException e) {
            return true;
        } catch (JedisDataException e) {
            return false;
        }
    }

    interface Call {
        Object run();
    }

    static String error(Call c) {
        return assertThrows(JedisDataException.class, c::run).getMessage();
    }

    /** redis-cli's output (no tty: replies and errors as plain lines). */
    static String redisCli(NodeProcess n, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(n.redisPort),
                "--no-auth-warning"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
