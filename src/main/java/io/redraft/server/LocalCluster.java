package io.redraft.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code redraft cluster}: runs N local node processes (this JVM's java binary and class path, main class
 * {@link Main}, subcommand {@code server}), waits until they form a cluster, prints how to connect and stays in
 * the foreground until SIGINT/SIGTERM, then stops every node cleanly.
 *
 * <p>Node K (1-based) is {@code nK} on Redis port {@code P+K-1}, Raft port {@code P+K-1+10000}, data dir
 * {@code D/nK}, with stdout and stderr appended to {@code D/nK.log}. n1 starts with {@code --bootstrap}, the others
 * with {@code --join 127.0.0.1:P}; on an existing data dir the nodes ignore both and rejoin from disk.
 */
final class LocalCluster {

    static final String HOST = "127.0.0.1";
    static final long FORM_TIMEOUT_MS = 60_000;
    static final long STOP_TIMEOUT_MS = 10_000;
    static final int MAX_NODES = 99;
    private static final int CLIENT_TIMEOUT_MS = 1_000;
    private static final long DEATH_GRACE_MS = 1_500;
    private static final String SEP = java.io.File.separator;

    private record NodeSpec(String id, int redisPort, int raftPort, Path dataDir, Path log) {
        String redisAddr() {
            return HOST + ":" + redisPort;
        }

        String raftAddr() {
            return HOST + ":" + raftPort;
        }
    }

    private final List<NodeSpec> specs;
    private final Path dataDir;
    private final PrintStream out;
    private final PrintStream err;
    private final List<Process> processes = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** Passed to every node as --requirepass and used to AUTH the launcher's own connections; null = none. */
    private String requirepass;

    private LocalCluster(List<NodeSpec> specs, Path dataDir, PrintStream out, PrintStream err) {
        this.specs = specs;
        this.dataDir = dataDir;
        this.out = out;
        this.err = err;
    }

    /** Starts every node with {@code --requirepass}; the launcher AUTHs with it too. */
    LocalCluster requirepass(String password) {
        this.requirepass = password == null || password.isEmpty() ? null : password;
        return this;
    }

    /** Validates the options and the environment (data dir writable, ports free) without starting anything. */
    static LocalCluster create(int nodes, int port, Path dataDir, PrintStream out, PrintStream err)
            throws ConfigException {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new ConfigException("--nodes must be between 1 and " + MAX_NODES + ", got " + nodes);
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("--port must be between 1 and 65535, got " + port);
        }
        int lastRaft = port + nodes - 1 + ConfigLoader.RAFT_PORT_OFFSET;
        if (lastRaft > 65535) {
            throw new ConfigException("--port " + port + " with --nodes " + nodes + " needs Raft ports up to "
                    + lastRaft + " (Redis port + " + ConfigLoader.RAFT_PORT_OFFSET + "), above 65535; use a lower --port");
        }
        List<NodeSpec> specs = new ArrayList<>();
        for (int k = 1; k <= nodes; k++) {
            String id = "n" + k;
            int redis = port + k - 1;
            specs.add(new NodeSpec(id, redis, redis + ConfigLoader.RAFT_PORT_OFFSET, dataDir.resolve(id),
                    dataDir.resolve(id + ".log")));
        }
        ConfigLoader.checkDataDir(dataDir);
        for (NodeSpec s : specs) {
            checkPort("Redis address of " + s.id(), s.redisPort());
            checkPort("Raft address of " + s.id(), s.raftPort());
        }
        return new LocalCluster(List.copyOf(specs), dataDir, out, err);
    }

    private static void checkPort(String what, int port) throws ConfigException {
        try {
            ConfigLoader.checkPortFree(what, new HostPort(HOST, port));
        } catch (ConfigException e) {
            if (e.getMessage().endsWith("already in use")) {
                throw new ConfigException(e.getMessage() + " (is another Redraft cluster running? try --port)");
            }
            throw e;
        }
    }

    /** Runs the cluster in the foreground; returns the exit code. */
    int run() {
        AtomicInteger signals = new AtomicInteger();
        Main.Signals.onStop(() -> {
            if (signals.incrementAndGet() == 1) {
                stopRequested.countDown();
            } else {
                err.println("redraft: forced exit, killing all nodes");
                synchronized (processes) {
                    processes.forEach(Process::destroyForcibly);
                }
                Runtime.getRuntime().halt(Main.EXIT_FAILURE);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAllQuietly, "redraft-cluster-shutdown"));

        NodeSpec first = specs.get(0);
        out.println("Starting " + specs.size() + " Redraft node" + (specs.size() == 1 ? "" : "s") + " (data and logs in "
                + dataDir + SEP + ")");
        long deadline = System.currentTimeMillis() + FORM_TIMEOUT_MS;
        try {
            start(first);
            // Start the others once node 1 answers, so their JOIN finds it.
            String failure = waitUntil(deadline, () -> ping(first), "waiting for n1 to answer PING");
            if (failure != null) {
                return fail(failure);
            }
            for (NodeSpec s : specs.subList(1, specs.size())) {
                start(s);
            }
        } catch (IOException e) {
            err.println("redraft: cannot start node process: " + ConfigLoader.reason(e));
            stopAll();
            return Main.EXIT_FAILURE;
        }
        if (stopRequested.getCount() == 0) {
            return stopAll();
        }

        String[] nodesReply = new String[1];
        String failure = waitUntil(deadline, () -> formed(nodesReply), "waiting for the cluster to form");
        if (failure != null) {
            return fail(failure);
        }
        if (stopRequested.getCount() == 0) {
            return stopAll();
        }
        printReady(nodesReply[0]);

        // Foreground until a signal, or until every node has died.
        try {
            while (!stopRequested.await(500, TimeUnit.MILLISECONDS)) {
                boolean anyAlive;
                synchronized (processes) {
                    anyAlive = processes.stream().anyMatch(Process::isAlive);
                }
                if (!anyAlive) {
                    Thread.sleep(DEATH_GRACE_MS + 200); // let the watchers report first
                    if (stopRequested.getCount() == 0) {
                        break;
                    }
                    err.println("redraft: all nodes have exited");
                    stopping.set(true);
                    return Main.EXIT_FAILURE;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stopAll();
    }

    private void start(NodeSpec s) throws IOException {
        boolean restart = Files.isDirectory(s.dataDir()) && !isEmptyDir(s.dataDir());
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--id", s.id(), "--redis-addr", s.redisAddr(), "--raft-addr", s.raftAddr(),
                "--data-dir", s.dataDir().toString()));
        if (requirepass != null) {
            cmd.addAll(List.of("--requirepass", requirepass));
        }
        if (s == specs.get(0)) {
            cmd.add("--bootstrap");
        } else {
            cmd.addAll(List.of("--join", specs.get(0).redisAddr()));
        }
        Files.writeString(s.log(), "=== " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        + " redraft cluster: " + String.join(" ", cmd.subList(cmd.indexOf("server"), cmd.size())) + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(s.log().toFile()));
        Process p;
        synchronized (processes) {
            if (stopping.get()) {
                return;
            }
            p = pb.start();
            processes.add(p);
        }
        try {
            p.getOutputStream().close(); // nodes read nothing from stdin
        } catch (IOException ignored) {
            // nothing to do
        }
        out.printf("  %-4s pid %-7d Redis %s  Raft %s  log %s%s%n", s.id(), p.pid(), s.redisAddr(), s.raftAddr(),
                s.log(), restart ? "  (restarting from " + s.dataDir() + ")" : "");
        out.flush();
        Thread watcher = new Thread(() -> watch(s, p), "redraft-watch-" + s.id());
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Reports a node that exits while the cluster is not being stopped. */
    private void watch(NodeSpec s, Process p) {
        try {
            int code = p.waitFor();
            // On Ctrl-C the terminal signals the nodes too; they may exit before our own handler runs.
            Thread.sleep(DEATH_GRACE_MS);
            if (!stopping.get() && stopRequested.getCount() > 0) {
                reportDeath(s, p, code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportDeath(NodeSpec s, Process p, int code) {
        StringBuilder sb = new StringBuilder();
        sb.append("redraft: node ").append(s.id()).append(" (pid ").append(p.pid())
                .append(") exited unexpectedly with code ").append(code).append("; its log: ").append(s.log());
        for (String line : tail(s.log(), 5)) {
            sb.append(System.lineSeparator()).append("  | ").append(line);
        }
        err.println(sb);
        err.flush();
    }

    private interface Check {
        /** Null when satisfied, else a short progress text. */
        String progress();
    }

    /**
     * Polls {@code check} until it is satisfied (returns null), a node dies, a stop is requested (returns null) or
     * the deadline passes; returns a failure message otherwise.
     */
    private String waitUntil(long deadline, Check check, String what) {
        String last = null;
        long lastPrint = 0;
        while (true) {
            if (stopRequested.getCount() == 0) {
                return null;
            }
            synchronized (processes) {
                for (int i = 0; i < processes.size(); i++) {
                    Process p = processes.get(i);
                    if (!p.isAlive()) {
                        NodeSpec s = specs.get(i);
                        stopping.set(true);
                        reportDeath(s, p, p.exitValue());
                        return "node " + s.id() + " exited while " + what;
                    }
                }
            }
            String progress = check.progress();
            if (progress == null) {
                return null;
            }
            long now = System.currentTimeMillis();
            if (!progress.equals(last) || now - lastPrint >= 5_000) {
                out.println("  " + what + ": " + progress);
                out.flush();
                last = progress;
                lastPrint = now;
            }
            if (now >= deadline) {
                return "the cluster did not form within " + FORM_TIMEOUT_MS / 1000 + "s (" + progress + ")";
            }
            try {
                stopRequested.await(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    private String ping(NodeSpec s) {
        try (RespClient c = new RespClient(HOST, s.redisPort(), CLIENT_TIMEOUT_MS)) {
            c.authenticate(requirepass);
            Object r = c.call("PING");
            return "PONG".equals(r) ? null : "PING answered " + r;
        } catch (IOException | RespClient.ServerError e) {
            return "not answering yet";
        }
    }

    /** Null once every node answers PING and NODES on node 1 lists all of them with a leader. */
    private String formed(String[] nodesReply) {
        int answering = 0;
        for (NodeSpec s : specs) {
            if (ping(s) == null) {
                answering++;
            }
        }
        String members;
        try (RespClient c = new RespClient(HOST, specs.get(0).redisPort(), CLIENT_TIMEOUT_MS)) {
            c.authenticate(requirepass);
            Object r = c.call("NODES");
            if (r instanceof String text) {
                List<String> lines = nonEmptyLines(text);
                long listed = specs.stream().filter(s -> lines.stream().anyMatch(l -> firstWord(l).equals(s.id())))
                        .count();
                boolean leader = lines.stream().anyMatch(l -> Arrays.asList(l.split("\\s+")).contains("leader"));
                if (answering == specs.size() && listed == specs.size() && leader) {
                    nodesReply[0] = text;
                    return null;
                }
                members = "NODES on n1 lists " + listed + "/" + specs.size() + (leader ? "" : ", no leader yet");
            } else {
                members = "NODES on n1 answered " + r;
            }
        } catch (RespClient.ServerError e) {
            members = "NODES on n1: " + ConfigLoader.oneLine(e.getMessage());
        } catch (IOException e) {
            members = "n1 not answering";
        }
        return answering + "/" + specs.size() + " nodes answer PING, " + members;
    }

    private void printReady(String nodes) {
        String leader;
        try (RespClient c = new RespClient(HOST, specs.get(0).redisPort(), CLIENT_TIMEOUT_MS)) {
            c.authenticate(requirepass);
            leader = String.valueOf(c.call("LEADER"));
        } catch (IOException | RespClient.ServerError e) {
            leader = "(unknown: " + ConfigLoader.oneLine(String.valueOf(e.getMessage())) + ")";
        }
        out.println();
        out.println("Redraft cluster is up: " + specs.size() + " node" + (specs.size() == 1 ? "" : "s") + ".");
        out.println("NODES:");
        for (String line : nonEmptyLines(nodes)) {
            out.println("  " + line);
        }
        out.println("LEADER: " + leader);
        out.println();
        out.println("Connect with any Redis client to any node, e.g.:");
        out.println("  redis-cli -p " + specs.get(0).redisPort() + (requirepass != null ? " -a <password>" : ""));
        out.println("Logs: " + dataDir + SEP + "n*.log.  Press Ctrl-C to stop all nodes.");
        out.flush();
    }

    private int fail(String message) {
        err.println("redraft: " + message);
        err.println("redraft: node logs: " + String.join(", ", specs.stream().map(s -> s.log().toString()).toList()));
        err.flush();
        stopAll();
        return Main.EXIT_FAILURE;
    }

    /** Stops every node: SIGTERM, wait up to 10s, then SIGKILL the stragglers. Returns 0. */
    private int stopAll() {
        stopping.set(true);
        List<Process> alive;
        synchronized (processes) {
            alive = processes.stream().filter(Process::isAlive).toList();
        }
        if (alive.isEmpty()) {
            out.println("All nodes stopped.");
            out.flush();
            return Main.EXIT_OK;
        }
        out.println("Stopping " + alive.size() + " node" + (alive.size() == 1 ? "" : "s") + "...");
        out.flush();
        stopProcesses(alive);
        out.println("All nodes stopped.");
        out.flush();
        return Main.EXIT_OK;
    }

    private void stopAllQuietly() {
        stopping.set(true);
        List<Process> alive;
        synchronized (processes) {
            alive = processes.stream().filter(Process::isAlive).toList();
        }
        stopProcesses(alive);
    }

    private String nameOf(Process p) {
        synchronized (processes) {
            int i = processes.indexOf(p);
            return i >= 0 && i < specs.size() ? specs.get(i).id() + " (pid " + p.pid() + ")" : "pid " + p.pid();
        }
    }

    private void stopProcesses(List<Process> alive) {
        alive.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        for (Process p : alive) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    err.println("redraft: node " + nameOf(p) + " did not stop within "
                            + STOP_TIMEOUT_MS / 1000 + "s; killing it");
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /** This JVM's options (heap size, --sun-misc-unsafe-memory-access, ...), minus debugger and agent options. */
    private static List<String> jvmOptions() {
        try {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-agentpath")
                            && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp") && !a.equals("-Xdebug")
                            && !a.startsWith("-Djava.class.path") && !a.startsWith("-Dsun.java.command"))
                    .toList();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static List<String> nonEmptyLines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String firstWord(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    private static List<String> tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
