package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * TLS on real node processes: clients on the TLS port (the real redis-cli and Jedis) with
 * tls-auth-clients yes, and Raft over mutual TLS between three nodes; a node whose certificate
 * another CA signed cannot join.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TlsClusterTest {
    @TempDir
    Path dir;

    @Test
    void tlsClientsAndMutualTlsReplication() throws Exception {
        TestCerts ca = TestCerts.newCa(dir.resolve("certs"), "redraft-ca");
        TestCerts.Pair node = ca.issue("node");
        TestCerts.Pair client = ca.issue("client");
        TestCerts rogueCa = TestCerts.newCa(dir.resolve("rogue"), "rogue-ca");
        TestCerts.Pair rogue = rogueCa.issue("rogue");

        List<NodeProcess> nodes = new ArrayList<>();
        List<Integer> tlsPorts = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                nodes.add(new NodeProcess("n" + i, dir));
                tlsPorts.add(NodeProcess.freePort());
            }
            NodeProcess n1 = nodes.get(0);
            n1.start(tlsFlags(tlsPorts.get(0), node, ca.caCert));
            nodes.get(1).start(tlsFlags(tlsPorts.get(1), node, ca.caCert));
            assertEquals("OK", n1.call("BOOTSTRAP", n1.id, n1.raftAddr()));
            assertEquals("OK", n1.call("JOIN", nodes.get(1).id, nodes.get(1).raftAddr()), "JOIN over Raft TLS");
            // n3 asks n1 itself, through n1's TLS port, with its node certificate.
            List<String> joinFlags = new ArrayList<>(List.of(tlsFlags(tlsPorts.get(2), node, ca.caCert)));
            joinFlags.addAll(List.of("--join", "127.0.0.1:" + tlsPorts.get(0)));
            nodes.get(2).start(joinFlags.toArray(String[]::new));
            awaitMembers(n1, 3);
            String clusterId = clusterId(n1);
            assertTrue(clusterId.matches("[0-9a-f-]{36}"), clusterId);

            // The real redis-cli over TLS with a client certificate: write on n1, read on a follower.
            assertEquals("OK", eventually(() -> redisCli(tlsPorts.get(0), client, ca.caCert, "SET", "tls-key", "v1")));
            assertEquals("v1", redisCli(tlsPorts.get(2), client, ca.caCert, "GET", "tls-key"));

            // Jedis with SSL and a client certificate, through a follower (forwarded to the leader).
            SSLSocketFactory withCert = socketFactory(client, ca.caCert);
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", tlsPorts.get(1)),
                    DefaultJedisClientConfig.builder().ssl(true).sslSocketFactory(withCert)
                            .socketTimeoutMillis(20_000).build())) {
                assertEquals("OK", eventually(() -> jedis.set("jedis-key", "v2")));
                assertEquals("v1", jedis.get("tls-key"));
            }
            assertEquals("v2", redisCli(tlsPorts.get(0), client, ca.caCert, "GET", "jedis-key"));
            try (Jedis plain = nodes.get(2).client()) {
                assertEquals("v2", plain.get("jedis-key"), "the plain port serves the same data");
            }

            // Without a client certificate (tls-auth-clients yes) the handshake is refused.
            String refused = redisCli(tlsPorts.get(0), null, ca.caCert, "PING");
            assertNotEquals("PONG", refused);
            SSLSocketFactory noCert = socketFactory(null, ca.caCert);
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", tlsPorts.get(0)),
                        DefaultJedisClientConfig.builder().ssl(true).sslSocketFactory(noCert)
                                .socketTimeoutMillis(10_000).build())) {
                    jedis.ping();
                }
            });

            // A plaintext client on the TLS port fails quickly and cleanly; the node keeps serving.
            long start = System.nanoTime();
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis jedis = new Jedis("127.0.0.1", tlsPorts.get(0), 10_000)) {
                    jedis.ping();
                }
            });
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9), "closed, not left to time out");
            assertEquals("PONG", redisCli(tlsPorts.get(0), client, ca.caCert, "PING"));

            // A node whose certificate another CA signed: its Raft traffic is refused, so it cannot join.
            NodeProcess stranger = new NodeProcess("n4", dir);
            nodes.add(stranger);
            stranger.start(tlsFlags(NodeProcess.freePort(), rogue, rogueCa.caCert));
            JedisDataException joinError = assertThrows(JedisDataException.class,
                    () -> n1.call("JOIN", stranger.id, stranger.raftAddr()));
            System.out.println("JOIN of a node with another CA: " + joinError.getMessage());
            assertEquals(3, members(n1).size(), "membership unchanged: " + members(n1));
            assertEquals("none", raftRole(stranger), "the stranger holds no group");
            assertEquals("OK", eventually(() -> redisCli(tlsPorts.get(2), client, ca.caCert, "SET", "after", "x")));
            assertEquals("x", redisCli(tlsPorts.get(1), client, ca.caCert, "GET", "after"));
            assertEquals(clusterId, clusterId(nodes.get(2)));

            // The Raft port itself demands a certificate from the cluster's CA: a Ratis client that
            // trusts the CA but shows the rogue certificate is refused, the node certificate is served.
            Exception refusedPeer = assertThrows(Exception.class, () -> raftGroups(n1, rogue, ca.caCert));
            assertTrue(String.valueOf(refusedPeer).toLowerCase().contains("ssl"), refusedPeer.toString());
            assertEquals(1, raftGroups(n1, node, ca.caCert));
        } finally {
            for (NodeProcess n : nodes) {
                n.stop();
                keepLog(n);
            }
        }
    }

    /** Copies a node's log next to the test reports, for diagnosis after the temp dir is gone. */
    static void keepLog(NodeProcess n) {
        try {
            Path to = Path.of("target", "surefire-reports", "node-" + n.id + ".log");
            java.nio.file.Files.createDirectories(to.getParent());
            java.nio.file.Files.copy(n.logFile().toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.out.println("could not keep the log of " + n.id + ": " + e);
        }
    }

    /** Lists the Raft groups of {@code n} through a Ratis admin client over mutual TLS with {@code cert}. */
    private static int raftGroups(NodeProcess n, TestCerts.Pair cert, Path caCert) throws IOException {
        org.apache.ratis.conf.RaftProperties props = new org.apache.ratis.conf.RaftProperties();
        org.apache.ratis.RaftConfigKeys.Rpc.setType(props, org.apache.ratis.rpc.SupportedRpcType.GRPC);
        org.apache.ratis.client.RaftClientConfigKeys.Rpc.setRequestTimeout(props,
                org.apache.ratis.util.TimeDuration.valueOf(20, TimeUnit.SECONDS));
        org.apache.ratis.grpc.GrpcTlsConfig tls = new org.apache.ratis.grpc.GrpcTlsConfig(cert.key().toFile(),
                cert.cert().toFile(), caCert.toFile(), true);
        org.apache.ratis.conf.Parameters params = new org.apache.ratis.conf.Parameters();
        org.apache.ratis.grpc.GrpcConfigKeys.Admin.setTlsConf(params, tls);
        org.apache.ratis.grpc.GrpcConfigKeys.Client.setTlsConf(params, tls);
        org.apache.ratis.protocol.RaftPeer peer = org.apache.ratis.protocol.RaftPeer.newBuilder()
                .setId(n.id).setAddress(n.raftAddr()).build();
        try (org.apache.ratis.client.RaftClient client = org.apache.ratis.client.RaftClient.newBuilder()
                .setRaftGroup(org.apache.ratis.protocol.RaftGroup.valueOf(
                        org.apache.ratis.protocol.RaftGroupId.randomId(), peer))
                .setProperties(props).setParameters(params)
                .setRetryPolicy(org.apache.ratis.retry.RetryPolicies.noRetry()).build()) {
            return client.getGroupManagementApi(peer.getId()).list().getGroupIds().size();
        }
    }

    interface Attempt {
        String run() throws Exception;
    }

    /**
     * Retries while the cluster answers CLUSTERDOWN (an election on a loaded machine), for up to
     * 30 s; any other answer is returned as is.
     */
    static String eventually(Attempt attempt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String answer;
            try {
                answer = attempt.run();
            } catch (JedisDataException e) {
                answer = e.getMessage();
            }
            if (answer == null || !answer.contains("CLUSTERDOWN") || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(200);
        }
    }

    private static String[] tlsFlags(int tlsPort, TestCerts.Pair cert, Path caCert) {
        return new String[] {"--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.cert().toString(),
                "--tls-key-file", cert.key().toString(), "--tls-ca-cert-file", caCert.toString(),
                "--tls-replication", "yes"};
    }

    static String clusterId(NodeProcess n) {
        try (Jedis jedis = n.client()) {
            return jedis.info("raft").lines().filter(l -> l.startsWith("cluster_id:"))
                    .map(l -> l.substring("cluster_id:".length()).trim()).findFirst().orElseThrow();
        }
    }

    private static String raftRole(NodeProcess n) {
        try (Jedis jedis = n.client()) {
            return jedis.info("raft").lines().filter(l -> l.startsWith("raft_role:"))
                    .map(l -> l.substring("raft_role:".length()).trim()).findFirst().orElseThrow();
        }
    }

    static List<String> members(NodeProcess n) {
        return ((String) n.call("NODES")).lines().filter(l -> !l.isBlank()).toList();
    }

    static void awaitMembers(NodeProcess n, int count) throws InterruptedException {
        TestCluster.await(Duration.ofSeconds(60), () -> {
            try {
                return members(n).stream().filter(l -> !l.split(" ")[2].equals("-")).count() == count;
            } catch (RuntimeException e) {
                return false;
            }
        }, count + " members with known addresses");
    }

    /** Runs the real redis-cli over TLS; its output, trimmed (errors included), or its failure text. */
    private static String redisCli(int port, TestCerts.Pair cert, Path caCert, String... command)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "--tls", "--cacert", caCert.toString()));
        if (cert != null) {
            cmd.addAll(List.of("--cert", cert.cert().toString(), "--key", cert.key().toString()));
        }
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("redis-cli did not finish: " + out);
        }
        return out;
    }

    /** A JDK socket factory trusting {@code caCert}, presenting {@code cert} if not null. */
    private static SSLSocketFactory socketFactory(TestCerts.Pair cert, Path caCert) throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(caCert.toFile());
        if (cert != null) {
            b.keyManager(cert.cert().toFile(), cert.key().toFile());
        }
        return ((JdkSslContext) b.build()).context().getSocketFactory();
    }
}
