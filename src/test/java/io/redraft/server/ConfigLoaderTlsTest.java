package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.it.TestCerts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls_* settings and cluster_id from flags and YAML, and loading the PEM files. */
class ConfigLoaderTlsTest {
    @TempDir
    Path tmp;

    private ServerConfig load(String... args) throws ConfigException {
        return ConfigLoader.load(ConfigLoader.parseOptions(args), () -> "myhost");
    }

    private String error(String... args) {
        return assertThrows(ConfigException.class, () -> load(args)).getMessage();
    }

    private Path file(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void offByDefault() throws Exception {
        ServerConfig c = load();
        assertFalse(c.tls().enabled());
        assertNull(c.tlsAddr());
        assertNull(c.clusterId());
        assertNull(c.tls().raft());
    }

    @Test
    void flagsAndYaml() throws Exception {
        String cert = file("n.crt", "x").toString();
        String key = file("n.key", "x").toString();
        String ca = file("ca.crt", "x").toString();
        UUID id = UUID.randomUUID();
        ServerConfig c = load("--redis-addr", "127.0.0.1:7001", "--tls-port", "7443", "--tls-cert-file", cert,
                "--tls-key-file", key, "--tls-ca-cert-file", ca, "--tls-auth-clients", "optional",
                "--tls-replication", "yes", "--cluster-id", id.toString());
        assertEquals(new HostPort("127.0.0.1", 7443), c.tlsAddr());
        assertEquals(TlsSettings.AuthClients.OPTIONAL, c.tls().authClients());
        assertTrue(c.tls().replication());
        assertEquals(Path.of(ca), c.tls().raft().caCertFile());
        assertEquals(id, c.clusterId());

        // YAML 1.1 reads yes/no as booleans; they mean what Redis's config means.
        Path yaml = file("c.yaml", "tls_port: 7443\ntls_cert_file: " + cert + "\ntls_key_file: " + key
                + "\ntls_auth_clients: no\ntls_replication: no\ncluster_id: " + id + "\n");
        ServerConfig y = load("--config", yaml.toString());
        assertEquals(7443, y.tls().port());
        assertEquals(TlsSettings.AuthClients.NO, y.tls().authClients());
        assertFalse(y.tls().replication());
        assertEquals(id, y.clusterId());
    }

    @Test
    void oneLineErrorsNamingTheSetting() throws Exception {
        String cert = file("n.crt", "x").toString();
        String key = file("n.key", "x").toString();
        assertEquals("--tls-port must be an integer from 0 to 65535, got 'x'", error("--tls-port", "x"));
        assertEquals("--tls-port needs --tls-cert-file and --tls-key-file (YAML tls_cert_file, tls_key_file)",
                error("--tls-port", "7443"));
        assertEquals("--tls-auth-clients yes needs --tls-ca-cert-file (YAML tls_ca_cert_file)",
                error("--tls-port", "7443", "--tls-cert-file", cert, "--tls-key-file", key));
        assertEquals("--tls-replication yes needs --tls-ca-cert-file (YAML tls_ca_cert_file)",
                error("--tls-replication", "yes", "--tls-cert-file", cert, "--tls-key-file", key));
        assertEquals("--tls-auth-clients must be one of yes, no, optional, got 'maybe'", error("--tls-auth-clients", "maybe"));
        assertEquals("--tls-replication must be yes or no, got 'on'", error("--tls-replication", "on"));
        assertTrue(error("--tls-cert-file", tmp.resolve("missing.crt").toString())
                .startsWith("--tls-cert-file: cannot read '"));
        assertTrue(error("--cluster-id", "nope").startsWith("--cluster-id must be a UUID"));
        assertEquals("--tls-port 6379 is already the Redis or Raft port", error("--tls-port", "6379"));
        Path yaml = file("bad.yaml", "tls_auth_clients: sometimes\n");
        assertEquals("config file '" + yaml + "': 'tls_auth_clients' must be one of yes, no, optional, got 'sometimes'",
                error("--config", yaml.toString()));
    }

    @Test
    void pemFilesAreLoadedAtStartup() throws Exception {
        TestCerts ca = TestCerts.newCa(tmp.resolve("certs"), "ca");
        TestCerts.Pair node = ca.issue("node");
        ServerConfig good = load("--tls-port", "7443", "--tls-cert-file", node.cert().toString(),
                "--tls-key-file", node.key().toString(), "--tls-ca-cert-file", ca.caCert.toString(),
                "--tls-replication", "yes");
        TlsContexts.check(good.tls());

        ServerConfig swapped = load("--tls-port", "7443", "--tls-cert-file", node.key().toString(),
                "--tls-key-file", node.cert().toString(), "--tls-ca-cert-file", ca.caCert.toString());
        String message = assertThrows(ConfigException.class, () -> TlsContexts.check(swapped.tls())).getMessage();
        assertTrue(message.startsWith("cannot load the TLS certificate "), message);
        assertFalse(message.contains("\n"), message);
    }
}
