package io.redraft.server;

import io.redraft.raft.RaftTls;
import java.nio.file.Path;

/**
 * TLS, with Redis's setting names: a TLS client listener beside the plain one ({@code tls-port}),
 * client certificate checking ({@code tls-auth-clients}), and TLS for node-to-node traffic
 * ({@code tls-replication}: Raft, and this node's own Redis connections to other members).
 *
 * @param port the TLS client port on the Redis host; 0 = no TLS listener
 * @param certFile PEM certificate (chain) the node presents, to clients and to peers
 * @param keyFile PEM (PKCS#8) private key of {@code certFile}
 * @param caCertFile PEM CA certificate(s) that client and peer certificates must be signed by
 * @param authClients whether TLS clients must present a certificate
 * @param replication whether Raft traffic and internal client connections use mutual TLS
 */
public record TlsSettings(int port, Path certFile, Path keyFile, Path caCertFile, AuthClients authClients,
                          boolean replication) {

    /** Redis's tls-auth-clients: yes (required, the default), optional (checked if presented), no. */
    public enum AuthClients {
        YES, NO, OPTIONAL;

        static AuthClients parse(String text) {
            for (AuthClients a : values()) {
                if (a.name().equalsIgnoreCase(text.trim())) {
                    return a;
                }
            }
            return null;
        }
    }

    public static final TlsSettings NONE = new TlsSettings(0, null, null, null, AuthClients.YES, false);

    /** Whether anything uses the certificate: a TLS listener or TLS replication. */
    public boolean enabled() {
        return port > 0 || replication;
    }

    /** The Raft TLS settings when {@code tls-replication} is on, else null. */
    public RaftTls raft() {
        return replication ? new RaftTls(certFile, keyFile, caCertFile) : null;
    }
}
