package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit code 2 and exactly one "redraft: ..." line on stderr, no stack trace; returns that line. */
    private static String usageError(String... args) {
        Result r = run(args);
        assertEquals(2, r.code(), () -> "exit code for " + List.of(args) + ", stderr: " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), () -> "one line on stderr: " + r.err());
        assertTrue(lines.get(0).startsWith("redraft: "), lines.get(0));
        assertFalse(r.err().contains("Exception"), r.err());
        return lines.get(0);
    }

    @Test
    void noArgumentsPrintsUsage() {
        Result r = run();
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: redraft"), r.out());
        assertTrue(r.out().contains("server"), r.out());
        assertTrue(r.out().contains("cluster"), r.out());
    }

    @Test
    void version() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("redraft \\d+\\.\\d+\\.\\d+\\S* \\(Java .*\\)\\R"), r.out());
    }

    @Test
    void help() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: redraft"), r.out());

        Result s = run("server", "--help");
        assertEquals(0, s.code());
        for (String flag : List.of("--id", "--redis-addr", "--raft-addr", "--data-dir", "--bootstrap", "--join",
                "--config", "--snapshot-threshold")) {
            assertTrue(s.out().contains(flag), flag + " in " + s.out());
        }

        Result c = run("cluster", "--help");
        assertEquals(0, c.code());
        for (String flag : List.of("--nodes", "--port", "--data-dir")) {
            assertTrue(c.out().contains(flag), flag + " in " + c.out());
        }
    }

    @Test
    void unknownCommandAndOptions() {
        assertEquals("redraft: unknown command 'serve' (see 'redraft --help')", usageError("serve"));
        assertEquals("redraft: unknown option '--verbose' (see 'redraft --help')", usageError("--verbose"));
        assertEquals("redraft: unknown option '--port' (see 'redraft server --help')",
                usageError("server", "--port", "7001"));
        assertEquals("redraft: unknown option '--bogus' (see 'redraft cluster --help')",
                usageError("cluster", "--bogus"));
    }

    @Test
    void serverConfigErrors() throws Exception {
        assertEquals("redraft: --redis-addr: bad address 'nope': expected host:port",
                usageError("server", "--redis-addr", "nope"));
        assertEquals("redraft: --redis-addr: bad address '127.0.0.1:99999': port must be 1-65535",
                usageError("server", "--redis-addr", "127.0.0.1:99999"));
        assertEquals("redraft: the default Raft port 70000 (Redis port 60000 + 10000) is above 65535; set --raft-addr",
                usageError("server", "--id", "n1", "--redis-addr", "127.0.0.1:60000"));
        Path yaml = Files.writeString(tmp.resolve("c.yaml"), "id: n1\nbogus: 1\n");
        assertEquals("redraft: config file '" + yaml + "': unknown key 'bogus' (known keys: "
                + ConfigLoader.KEY_LIST + ")", usageError("server", "--config", yaml.toString()));
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), "id: [n1\n");
        assertTrue(usageError("server", "--config", broken.toString())
                .startsWith("redraft: cannot parse config file '" + broken + "': "));
    }

    @Test
    void serverUnwritableDataDir() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertEquals("redraft: data dir '" + file + "' is not a directory",
                usageError("server", "--id", "n1", "--redis-addr", "127.0.0.1:" + freePort(),
                        "--data-dir", file.toString()));
    }

    @Test
    void serverPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertEquals("redraft: cannot listen on Redis address 127.0.0.1:" + port + ": address already in use",
                    usageError("server", "--id", "n1", "--redis-addr", "127.0.0.1:" + port,
                            "--raft-addr", "127.0.0.1:" + freePort(), "--data-dir", tmp.resolve("d").toString()));
            assertEquals("redraft: cannot listen on Raft address 127.0.0.1:" + port + ": address already in use",
                    usageError("server", "--id", "n1", "--redis-addr", "127.0.0.1:" + freePort(),
                            "--raft-addr", "127.0.0.1:" + port, "--data-dir", tmp.resolve("d").toString()));
        }
    }

    @Test
    void clusterErrors() throws Exception {
        assertEquals("redraft: --nodes must be between 1 and 99, got 0", usageError("cluster", "--nodes", "0"));
        assertEquals("redraft: invalid value for option '--nodes': 'x' is not an int (see 'redraft cluster --help')",
                usageError("cluster", "--nodes", "x"));
        assertEquals("redraft: --port 60000 with --nodes 3 needs Raft ports up to 70002 (Redis port + 10000), "
                + "above 65535; use a lower --port", usageError("cluster", "--port", "60000",
                "--data-dir", tmp.toString()));
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertEquals("redraft: data dir '" + file + "' is not a directory",
                usageError("cluster", "--data-dir", file.toString()));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            if (port + 10_000 <= 65535) {
                assertEquals("redraft: cannot listen on Redis address of n1 127.0.0.1:" + port
                                + ": address already in use (is another Redraft cluster running? try --port)",
                        usageError("cluster", "--nodes", "1", "--port", Integer.toString(port),
                                "--data-dir", tmp.resolve("c").toString()));
            }
        }
    }

    @Test
    void respClientDecodesReplies() throws Exception {
        String replies = "+PONG\r\n" + ":42\r\n" + "$6\r\nh\u00e9llo\r\n" + "$-1\r\n" + "*3\r\n$1\r\na\r\n:1\r\n*-1\r\n"
                + "-ERR unknown command 'X'\r\n" + "$0\r\n\r\n";
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            Thread fake = new Thread(() -> {
                try (Socket s = server.accept()) {
                    OutputStream o = s.getOutputStream();
                    o.write(replies.getBytes(StandardCharsets.UTF_8));
                    o.flush();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (received) {
                            received.write(buf, 0, n);
                        }
                    }
                } catch (Exception ignored) {
                    // test ends
                }
            });
            fake.start();
            try (RespClient c = new RespClient(new HostPort("127.0.0.1", server.getLocalPort()), 5_000)) {
                assertEquals("PONG", c.call("PING"));
                assertEquals(42L, c.call("INCR", "k"));
                assertEquals("h\u00e9llo", c.call("GET", "k"));
                assertNull(c.call("GET", "missing"));
                assertEquals(java.util.Arrays.asList("a", 1L, null), c.call("X"));
                RespClient.ServerError e = assertThrows(RespClient.ServerError.class, () -> c.call("X"));
                assertEquals("ERR unknown command 'X'", e.getMessage());
                assertEquals("", c.call("JOIN", "n2", "127.0.0.1:17002"));
            }
            fake.join(5_000);
            String sent;
            synchronized (received) {
                sent = received.toString(StandardCharsets.UTF_8);
            }
            assertTrue(sent.startsWith("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n"), sent);
            assertTrue(sent.endsWith("*3\r\n$4\r\nJOIN\r\n$2\r\nn2\r\n$15\r\n127.0.0.1:17002\r\n"), sent);
        }
    }

    private static int freePort() throws Exception {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                if (s.getLocalPort() + 10_000 <= 65535) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
