package io.redraft.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code redraft} command line: {@code redraft server [flags]} runs one node, {@code redraft cluster} runs a
 * local cluster of node processes. {@link #run} does everything and returns the exit code, so tests can call it;
 * {@link #main} only adds {@code System.exit}.
 *
 * <p>Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM) or {@code --help}; 2 for a usage or configuration
 * error (always one {@code redraft: ...} line on stderr); 1 for a failure at run time.
 */
@Command(name = "redraft", sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = Main.Version.class,
        description = "Redraft: a strongly consistent, Redis-compatible key-value store replicated with Raft.",
        footer = {"", "Examples:",
                "  redraft cluster                      3 local nodes on Redis ports 7001-7003",
                "  redraft server --id n1 --redis-addr 127.0.0.1:7001 --bootstrap",
                "  redraft server --id n2 --redis-addr 127.0.0.1:7002 --join 127.0.0.1:7001",
                "", "Run 'redraft <command> --help' for the flags of a command."})
public final class Main implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /** A second SIGINT/SIGTERM at least this long after the first one halts the node without a clean close. */
    static final int FORCE_AFTER_SECONDS = 3;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    /** The version Maven stamped into the jar's resources at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("/io/redraft/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return p.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() {
            return new String[] {"redraft " + current() + " (Java " + Runtime.version() + ")"};
        }
    }

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    private Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns the process exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new Main(out))
                .addSubcommand(ServerCommand.commandLine(out, err))
                .addSubcommand(new CommandLine(new ClusterCommand(out, err)))
                .addSubcommand(new CommandLine(new AotTrainingCommand(err)))
                .setExpandAtFiles(false)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((ex, a) -> {
                    err.println("redraft: " + ConfigLoader.describe(ex));
                    err.flush();
                    return EXIT_USAGE;
                })
                .setExecutionExceptionHandler((ex, c, parsed) -> {
                    err.println("redraft: internal error: " + ex);
                    ex.printStackTrace(err);
                    err.flush();
                    return EXIT_FAILURE;
                });
        return cmd.execute(args);
    }

    /** {@code redraft} with no command: usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return EXIT_OK;
    }

    @Command(name = "server", sortOptions = false, usageHelpAutoWidth = true,
            description = "Run one Redraft node until SIGINT/SIGTERM.",
            footer = {"", "A node restarted on an existing data dir rejoins with its stored membership; --bootstrap "
                    + "and --join are then ignored. A node started with neither and no stored state waits, "
                    + "answering PING, until a member JOINs it."})
    static final class ServerCommand implements Callable<Integer> {

        /** Filled by picocli: one flag per row of the settings table (see {@link ServerOptions#addTo}). */
        final ServerOptions options = new ServerOptions();

        private final PrintStream out;
        private final PrintStream err;

        private ServerCommand(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        static CommandLine commandLine(PrintStream out, PrintStream err) {
            ServerCommand command = new ServerCommand(out, err);
            CommandLine cl = new CommandLine(command);
            command.options.addTo(cl.getCommandSpec());
            cl.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("show this help and exit").build());
            return cl;
        }

        @Override
        public Integer call() {
            ServerConfig config;
            try {
                config = ConfigLoader.load(options);
                ConfigLoader.checkDataDir(config.dataDir());
                ConfigLoader.checkPortFree("Redis address", config.redisAddr());
                ConfigLoader.checkPortFree("Raft address", config.raftAddr());
                if (config.httpAddr() != null) {
                    ConfigLoader.checkPortFree("HTTP address", config.httpAddr());
                }
                if (config.tlsAddr() != null) {
                    ConfigLoader.checkPortFree("TLS address", config.tlsAddr());
                }
                TlsContexts.check(config.tls());
                if (config.metricsAddr() != null) {
                    ConfigLoader.checkPortFree("metrics address", config.metricsAddr());
                }
            } catch (ConfigException e) {
                err.println("redraft: " + e.getMessage());
                return EXIT_USAGE;
            }
            return runNode(config, out, err);
        }
    }

    /** Starts the node and blocks until it is closed by a signal. */
    static int runNode(ServerConfig config, PrintStream out, PrintStream err) {
        RedraftNode node;
        try {
            node = RedraftNode.start(config);
        } catch (IOException | RuntimeException e) {
            BindException bind = causeOf(e, BindException.class);
            if (bind != null) {
                String msg = ConfigLoader.oneLine(bind.getMessage());
                if (msg.contains(config.redisAddr().toString()) || msg.contains(config.raftAddr().toString())) {
                    err.println("redraft: " + msg);
                } else {
                    err.println("redraft: cannot listen on " + config.redisAddr() + " (Redis) or "
                            + config.raftAddr() + " (Raft): " + ConfigLoader.bindReason(bind));
                }
                return EXIT_USAGE;
            }
            if (e instanceof IOException) {
                err.println("redraft: cannot start node " + config.id() + ": " + ConfigLoader.reason(e));
                return EXIT_USAGE;
            }
            err.println("redraft: cannot start node " + config.id() + ": " + e);
            e.printStackTrace(err);
            return EXIT_FAILURE;
        }

        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    node.close();
                } catch (RuntimeException e) {
                    err.println("redraft: error while stopping node " + config.id() + ": " + e);
                }
            }
        };
        // Safety net for exits that do not go through the signal handlers below (e.g. SIGHUP, System.exit).
        Runtime.getRuntime().addShutdownHook(new Thread(closeOnce, "redraft-shutdown"));
        AtomicLong firstSignal = new AtomicLong();
        Signals.onStop(() -> {
            long now = System.nanoTime();
            if (firstSignal.compareAndSet(0, now)) {
                err.println("redraft: stopping node " + config.id());
                closeOnce.run();
            } else if (now - firstSignal.get() > TimeUnit.SECONDS.toNanos(FORCE_AFTER_SECONDS)) {
                // A repeated signal within a few seconds is ignored: under 'redraft cluster', Ctrl-C reaches
                // the node from the terminal and then SIGTERM from the cluster process.
                err.println("redraft: forced exit");
                Runtime.getRuntime().halt(EXIT_FAILURE);
            }
        });

        out.println("redraft: node " + config.id() + " running: Redis " + config.redisAddr() + ", Raft "
                + config.raftAddr() + ", data dir " + config.dataDir().toAbsolutePath().normalize());
        out.flush();
        try {
            node.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeOnce.run();
        }
        if (node.failure() != null) {
            String dir = config.dataDir().toAbsolutePath().normalize().toString();
            err.println("redraft: node " + config.id() + " stopped: " + node.failure()
                    + (node.logFailed() ? "; free space in " + dir + " and restart it" : "; restart it"));
            return EXIT_FAILURE;
        }
        return EXIT_OK;
    }

    /** The launcher's AOT-cache training run (see {@link AotTraining}); not for users, so hidden. */
    @Command(name = "aot-training", hidden = true)
    static final class AotTrainingCommand implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "DIR", description = "an empty scratch directory")
        Path dir;

        private final PrintStream err;

        AotTrainingCommand(PrintStream err) {
            this.err = err;
        }

        @Override
        public Integer call() {
            try {
                AotTraining.run(dir);
                return EXIT_OK;
            } catch (Exception e) {
                err.println("redraft: AOT training failed: " + e);
                return EXIT_FAILURE;
            }
        }
    }

    @Command(name = "cluster", sortOptions = false, usageHelpAutoWidth = true,
            description = {"Run a local N-node cluster in the foreground; Ctrl-C stops it cleanly.",
                    "Starts N node processes, waits until they have formed a cluster and prints how to connect.",
                    "Node K (K = 1..N) is 'nK' with Redis port P+K-1, Raft port P+K-1+10000, data dir D/nK and "
                            + "log D/nK.log. Running it again on the same data dir restarts the same cluster."})
    static final class ClusterCommand implements Callable<Integer> {

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
                description = "number of nodes (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--port", paramLabel = "P", defaultValue = "7001",
                description = "Redis port of the first node (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--data-dir", paramLabel = "D", defaultValue = "data",
                description = "directory for the nodes' data dirs and logs (default: ${DEFAULT-VALUE})")
        String dataDir;

        @Option(names = "--requirepass", paramLabel = "PASSWORD",
                description = "start every node with this requirepass (clients then need AUTH PASSWORD)")
        String requirepass;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        private final PrintStream out;
        private final PrintStream err;

        ClusterCommand(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            LocalCluster cluster;
            try {
                if (dataDir.isBlank()) {
                    throw new ConfigException("--data-dir: empty directory path");
                }
                cluster = LocalCluster.create(nodes, port, Path.of(dataDir), out, err).requirepass(requirepass);
            } catch (ConfigException e) {
                err.println("redraft: " + e.getMessage());
                return EXIT_USAGE;
            } catch (java.nio.file.InvalidPathException e) {
                err.println("redraft: --data-dir: bad directory path '" + dataDir + "'");
                return EXIT_USAGE;
            }
            return cluster.run();
        }
    }

    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** SIGINT/SIGTERM handling that lets the process finish its own shutdown and exit 0. */
    static final class Signals {
        private Signals() {
        }

        /**
         * Runs {@code action} (on a fresh thread) for every SIGINT or SIGTERM. Falls back to a shutdown hook if
         * the JVM does not allow signal handlers (e.g. -Xrs); the process then exits with the signal's status.
         */
        @SuppressWarnings("removal")
        static void onStop(Runnable action) {
            boolean installed = false;
            for (String name : new String[] {"INT", "TERM"}) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), s -> new Thread(action, "redraft-sig" + name)
                            .start());
                    installed = true;
                } catch (Throwable t) {
                    // not supported here; rely on the shutdown hook
                }
            }
            if (!installed) {
                Runtime.getRuntime().addShutdownHook(new Thread(action, "redraft-stop"));
            }
        }
    }
}
