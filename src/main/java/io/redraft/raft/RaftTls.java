package io.redraft.raft;

import java.nio.file.Path;

/**
 * Mutual TLS for Raft traffic ({@code --tls-replication yes}): every node serves and connects with
 * its certificate and key, and accepts only peers whose certificate its CA signed, so a node
 * without a certificate from the cluster's CA can neither vote nor replicate.
 *
 * @param certFile PEM certificate (chain) of this node; its SANs must name the node's Raft host
 * @param keyFile PEM private key (PKCS#8) of the certificate
 * @param caCertFile PEM CA certificate(s) that peers' certificates must be signed by
 */
public record RaftTls(Path certFile, Path keyFile, Path caCertFile) {
}
