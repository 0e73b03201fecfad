package io.redraft.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with the openssl CLI (none are committed): a CA, and certificates
 * it signs (PEM, PKCS#8 keys) valid for 127.0.0.1 and localhost, usable as server and as client.
 */
public final class TestCerts {
    public final Path dir;
    public final Path caCert;
    private final Path caKey;

    /** A certificate and its key. */
    public record Pair(Path cert, Path key) {}

    private TestCerts(Path dir, String name) {
        this.dir = dir;
        this.caCert = dir.resolve(name + ".crt");
        this.caKey = dir.resolve(name + ".key");
    }

    /** Creates a new CA named {@code name} in {@code dir}. */
    public static TestCerts newCa(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCerts ca = new TestCerts(dir, name);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + name, "-keyout", ca.caKey.toString(), "-out", ca.caCert.toString(),
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /** A certificate for {@code name}, signed by this CA, for 127.0.0.1/localhost, server and client use. */
    public Pair issue(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\n", StandardCharsets.US_ASCII);
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name,
                "-keyout", key.toString(), "-out", csr.toString());
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
        return new Pair(cert, key);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
