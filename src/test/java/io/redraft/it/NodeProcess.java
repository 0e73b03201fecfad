package io.redraft.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/** A real Redraft node in its own JVM process on 127.0.0.1, started the way users start one. */
public final class NodeProcess implements AutoCloseable {
    public final String id;
    public final int redisPort;
    public final int raftPort;
    public final Path dataDir;
    private final Path log;
    private Process process;
    private boolean paused;
    /** How peers name this node's Raft endpoint, and the hosts file this node resolves names with. */
    private String raftHost = "127.0.0.1";
    private Path hostsFile;
    /** Flags passed on every start, restarts included (e.g. a low --snapshot-threshold). */
    private final List<String> alwaysFlags = new ArrayList<>();

    NodeProcess(String id, Path baseDir) throws IOException {
        this.id = id;
        this.redisPort = freePort();
        this.raftPort = freePort();
        this.dataDir = baseDir.resolve(id);
        this.log = baseDir.resolve(id + ".log");
    }

    public String redisAddr() {
        return "127.0.0.1:" + redisPort;
    }

    public String raftAddr() {
        return raftHost + ":" + raftPort;
    }

    /** Puts the node behind a {@link Network}: peers reach it by name, each through its own link. */
    void useNetwork(String raftHost, Path hostsFile) {
        this.raftHost = raftHost;
        this.hostsFile = hostsFile;
    }

    /** Starts the node with the given extra flags and waits until it answers PING. */
    /** Makes every later start of this node pass {@code flags}. */
    void alwaysStartWith(String... flags) {
        alwaysFlags.addAll(List.of(flags));
    }

    public NodeProcess start(String... extraFlags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (hostsFile != null) {
            cmd.add("-Djdk.net.hosts.file=" + hostsFile);
        }
        cmd.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                "io.redraft.server.Main", "server",
                "--id", id, "--redis-addr", redisAddr(), "--raft-addr", raftAddr(),
                "--data-dir", dataDir.toString()));
        cmd.addAll(alwaysFlags);
        cmd.addAll(List.of(extraFlags));
        long deadline = System.nanoTime() + PORT_TAKEN_PATIENCE.toNanos();
        while (true) {
            long logSize = log.toFile().length();
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try {
                awaitPing(Duration.ofSeconds(60)); // a restart replays its log first: slow on a loaded 2-core box
                return this;
            } catch (IllegalStateException e) {
                if (!portTakenSince(logSize) || System.nanoTime() > deadline) {
                    throw e;
                }
                // While this node was down another process on the shared machine (another test's
                // node: they pick ports from the same range) took one of its fixed ports. The node
                // cannot move (peers and clients know its addresses): wait for the port to be freed.
                System.out.println("node " + id + ": a port of its was taken while it was down; retrying");
                Thread.sleep(1000);
            }
        }
    }

    /** How long a (re)start waits for a port another process took while this node was down. */
    private static final Duration PORT_TAKEN_PATIENCE = Duration.ofSeconds(60);

    /** Whether the node's output since {@code offset} says it exited because a port was in use. */
    private boolean portTakenSince(long offset) {
        if (process.isAlive()) {
            return false;
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
            f.seek(offset);
            byte[] tail = new byte[(int) Math.max(0, f.length() - offset)];
            f.readFully(tail);
            return new String(tail, java.nio.charset.StandardCharsets.UTF_8).contains("already in use");
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no flushing; what was not fsynced is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process freezes mid-whatever, as under a long GC pause or a hung VM. */
    public void pause() throws Exception {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT: the paused process resumes with its stale view of the cluster. */
    public void resume() throws Exception {
        signal("CONT");
        paused = false;
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            dumpThreads();
            throw new AssertionError("node " + id + " still running after " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** Prints the node's threads and log tail to the test's output, to diagnose a hang. */
    private void dumpThreads() {
        try {
            Process p = jstack().start();
            System.out.println("---- threads of " + id + "\n" + new String(p.getInputStream().readAllBytes()));
            java.util.List<String> lines = java.nio.file.Files.readAllLines(log);
            System.out.println("---- log of " + id + "\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())));
        } catch (IOException | RuntimeException e) {
            System.out.println("could not dump " + id + ": " + e);
        }
    }

    /** SIGTERM, and the exit code once the node has shut down on its own. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /**
     * Writes the node's thread dump (jstack) next to its log as {@code <id>-threads.log}, for a
     * node that stopped making progress: a failed fault run keeps it with the logs.
     */
    public void saveThreadDump() {
        if (!isAlive()) {
            return;
        }
        try {
            Path out = log.resolveSibling(id + "-threads.log");
            Process p = jstack().redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            System.out.println("could not dump the threads of " + id + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** jstack of this node, from the JDK running the tests. */
    private ProcessBuilder jstack() {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String jstack = javaBin.substring(0, javaBin.lastIndexOf('/') + 1) + "jstack";
        return new ProcessBuilder(jstack, Long.toString(process.pid())).redirectErrorStream(true);
    }

    /** SIGTERM and wait for a clean exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            if (paused) {
                process.toHandle().destroyForcibly(); // SIGKILL works on a stopped process; SIGTERM would wait
                paused = false;
            }
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", redisPort, 20_000);
    }

    /** Sends a command Jedis has no method for and returns the reply, bulk and status as strings. */
    public Object call(String command, String... args) {
        try (Jedis jedis = client()) {
            return decode(jedis.sendCommand(raw(command), args));
        }
    }

    public static Object call(Jedis jedis, String command, String... args) {
        return decode(jedis.sendCommand(raw(command), args));
    }

    private static ProtocolCommand raw(String command) {
        byte[] name = SafeEncoder.encode(command);
        return () -> name;
    }

    private static Object decode(Object reply) {
        if (reply instanceof byte[] b) {
            return SafeEncoder.encode(b);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(decode(o));
            }
            return out;
        }
        return reply;
    }

    private void awaitPing(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + id + " exited with " + process.exitValue()
                        + "; see " + log);
            }
            try (Jedis jedis = new Jedis("127.0.0.1", redisPort, 2000)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                if (String.valueOf(e.getMessage()).startsWith("NOAUTH")) {
                    return; // answering, with requirepass
                }
                last = e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        dumpThreads();
        throw new IllegalStateException("node " + id + " did not answer PING; see " + log, last);
    }

    /**
     * A port nothing listens on, below Linux's ephemeral range (32768+): a port the kernel handed
     * out as ephemeral could be taken by one of the nodes' own outgoing connections before the
     * node binds it. Never the same port twice in one test JVM.
     */
    static synchronized int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 21_000 + PORTS.nextInt(11_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free port found in 21000-31999");
    }

    private static final java.util.Random PORTS = new java.util.Random();
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    public File logFile() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
