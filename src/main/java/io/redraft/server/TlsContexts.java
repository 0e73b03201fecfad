package io.redraft.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Builds the TLS contexts from the PEM files of {@link TlsSettings}, with the JDK's TLS provider (no
 * native library needed). Loading them at startup turns a bad certificate, key or CA file into a
 * one-line config error rather than failing connections later.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    /** The client listener's context: the node's certificate, and the CA to check clients against. */
    static SslContext server(TlsSettings tls) throws ConfigException {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile())
                    .sslProvider(SslProvider.JDK);
            if (tls.caCertFile() != null) {
                b.trustManager(tls.caCertFile().toFile());
            }
            b.clientAuth(switch (tls.authClients()) {
                case YES -> ClientAuth.REQUIRE;
                case OPTIONAL -> ClientAuth.OPTIONAL;
                case NO -> ClientAuth.NONE;
            });
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw failure(tls, e);
        }
    }

    /**
     * For this node's own connections to other members ({@code --join}): it presents its
     * certificate and accepts only servers whose certificate the CA signed for the host it dialled.
     */
    static SSLSocketFactory client(TlsSettings tls) throws ConfigException {
        try {
            SslContext ctx = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .keyManager(tls.certFile().toFile(), tls.keyFile().toFile())
                    .trustManager(tls.caCertFile().toFile())
                    .build();
            return ((JdkSslContext) ctx).context().getSocketFactory();
        } catch (SSLException | IllegalArgumentException e) {
            throw failure(tls, e);
        }
    }

    /** Builds every context the settings call for, so a bad file stops the node at startup. */
    static void check(TlsSettings tls) throws ConfigException {
        if (tls.port() > 0) {
            server(tls);
        }
        if (tls.replication()) {
            client(tls);
        }
    }

    private static ConfigException failure(TlsSettings tls, Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new ConfigException("cannot load the TLS certificate " + tls.certFile() + ", key " + tls.keyFile()
                + (tls.caCertFile() == null ? "" : " or CA " + tls.caCertFile()) + " (PEM, key in PKCS#8): "
                + ConfigLoader.oneLine(why));
    }
}
