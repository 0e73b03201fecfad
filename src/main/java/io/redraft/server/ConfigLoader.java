package io.redraft.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import picocli.CommandLine;

/**
 * Turns {@code redraft server} flags and the optional YAML file into a validated {@link ServerConfig}.
 *
 * <p>{@link #fromArgs}, {@link #load} and {@link #readYaml} are pure apart from reading the YAML file (and the
 * host name for the default id); every user mistake becomes a {@link ConfigException} whose message is one line.
 * {@link #checkDataDir} and {@link #checkPortFree} probe the environment and are called by {@link Main} just
 * before the node starts.
 */
public final class ConfigLoader {

    public static final String DEFAULT_REDIS_ADDR = Settings.REDIS_ADDR.defaultValue().toString();
    public static final int RAFT_PORT_OFFSET = 10_000;

    /** The YAML keys, for messages and help text. */
    public static final String KEY_LIST = Settings.keyList();

    private ConfigLoader() {
    }

    /** Parses {@code redraft server} arguments (without the word "server") into a config. */
    public static ServerConfig fromArgs(String... args) throws ConfigException {
        return load(parseOptions(args), ConfigLoader::hostName);
    }

    /** Parses the flags only; {@code --help} is not handled here (picocli in {@link Main} does that). */
    public static ServerOptions parseOptions(String... args) throws ConfigException {
        ServerOptions options = new ServerOptions();
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();
        options.addTo(spec);
        CommandLine cmd = new CommandLine(spec).setCommandName("server").setExpandAtFiles(false);
        try {
            cmd.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException(describe(e));
        }
        return options;
    }

    /** Merges flags over YAML over defaults; the default id is the host name. */
    public static ServerConfig load(ServerOptions options) throws ConfigException {
        return load(options, ConfigLoader::hostName);
    }

    public static ServerConfig load(ServerOptions flags, Supplier<String> hostName) throws ConfigException {
        Map<String, Object> yaml = flags.config == null ? Map.of() : readYaml(flags.config);
        String file = flags.config;
        // A flag for either of bootstrap and join replaces both YAML keys.
        boolean startFromFlags = flags.flag(Settings.BOOTSTRAP) != null || flags.flag(Settings.JOIN) != null;

        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            boolean useYaml = !(startFromFlags && (s == Settings.BOOTSTRAP || s == Settings.JOIN));
            Object value = parse(s, flags.flag(s), useYaml ? yaml.get(s.key()) : null, file);
            values.put(s, value != null ? value : s.defaultValue());
        }

        // Rules that tie settings together, and defaults derived from other settings.
        if (values.get(Settings.ID) == null) {
            String host = hostName.get();
            if (host == null || !SettingParsers.ID_PATTERN.matcher(host).matches()) {
                throw new ConfigException("the host name '" + host + "' is not a valid node id; set --id");
            }
            values.put(Settings.ID, host);
        }
        HostPort redis = (HostPort) values.get(Settings.REDIS_ADDR);
        if (values.get(Settings.RAFT_ADDR) == null) {
            int port = redis.port() + RAFT_PORT_OFFSET;
            if (port > 65535) {
                throw new ConfigException("the default Raft port " + port + " (Redis port " + redis.port() + " + "
                        + RAFT_PORT_OFFSET + ") is above 65535; set --raft-addr");
            }
            values.put(Settings.RAFT_ADDR, new HostPort(redis.host(), port));
        }
        if (values.get(Settings.RAFT_ADDR).equals(redis)) {
            throw new ConfigException("the Redis and Raft addresses must differ (both are " + redis + ")");
        }
        if (values.get(Settings.DATA_DIR) == null) {
            values.put(Settings.DATA_DIR, Path.of("data", (String) values.get(Settings.ID)));
        }
        if (Boolean.TRUE.equals(values.get(Settings.BOOTSTRAP)) && values.get(Settings.JOIN) != null) {
            throw new ConfigException(startFromFlags ? "--bootstrap and --join cannot be used together"
                    : inFile(file, "'" + Settings.BOOTSTRAP.key() + "' and '" + Settings.JOIN.key()
                            + "' cannot be used together"));
        }
        long electionMin = (Long) values.get(Settings.ELECTION_TIMEOUT_MIN);
        long electionMax = (Long) values.get(Settings.ELECTION_TIMEOUT_MAX);
        if (electionMin >= electionMax) {
            throw new ConfigException(Settings.ELECTION_TIMEOUT_MIN.key() + " (" + electionMin + " ms) must be less "
                    + "than " + Settings.ELECTION_TIMEOUT_MAX.key() + " (" + electionMax + " ms)");
        }
        HostPort http = (HostPort) values.get(Settings.HTTP_ADDR);
        if (http != null && (http.equals(redis) || http.equals(values.get(Settings.RAFT_ADDR)))) {
            throw new ConfigException("the HTTP address must differ from the Redis and Raft addresses (" + http + ")");
        }
        HostPort metrics = (HostPort) values.get(Settings.METRICS_ADDR);
        if (metrics != null && (metrics.equals(redis) || metrics.equals(values.get(Settings.RAFT_ADDR))
                || metrics.equals(http))) {
            throw new ConfigException("the metrics address must differ from the Redis, Raft and HTTP addresses ("
                    + metrics + ")");
        }
        ServerConfig config = new ServerConfig(values);
        checkTls(config);
        return config;
    }

    /** TLS settings that only make sense together. */
    private static void checkTls(ServerConfig config) throws ConfigException {
        TlsSettings tls = config.tls();
        HostPort tlsAddr = config.tlsAddr();
        if (tlsAddr != null && (tlsAddr.port() == config.redisAddr().port() || tlsAddr.equals(config.raftAddr()))) {
            throw new ConfigException("--tls-port " + tls.port() + " is already the Redis or Raft port");
        }
        if (!tls.enabled()) {
            return;
        }
        String why = tls.port() > 0 ? "--tls-port" : "--tls-replication yes";
        if (tls.certFile() == null || tls.keyFile() == null) {
            throw new ConfigException(why + " needs --tls-cert-file and --tls-key-file (YAML "
                    + Settings.TLS_CERT_FILE.key() + ", " + Settings.TLS_KEY_FILE.key() + ")");
        }
        if (tls.caCertFile() == null && (tls.replication() || tls.authClients() != TlsSettings.AuthClients.NO)) {
            throw new ConfigException((tls.replication() ? "--tls-replication yes" : "--tls-auth-clients "
                    + SettingParsers.redisName(tls.authClients())) + " needs --tls-ca-cert-file (YAML "
                    + Settings.TLS_CA_CERT_FILE.key() + ")");
        }
    }

    /** A setting's value from its flag's text, else from its YAML value; null when neither is given. */
    private static Object parse(Setting<?> s, String flagText, Object yamlValue, String file) throws ConfigException {
        try {
            if (flagText != null) {
                return s.parser().parse(flagText);
            }
            return yamlValue == null ? null : s.parser().fromYaml(yamlValue);
        } catch (Setting.Invalid e) {
            throw new ConfigException(e.message(flagText != null ? s.flag() : inFile(file, "'" + s.key() + "'")));
        }
    }

    /**
     * Reads the YAML config file: a mapping whose keys are among {@link #KEY_LIST}. Keys whose value is null
     * ({@code join:} or {@code join: ~}) are dropped, as if absent.
     */
    public static Map<String, Object> readYaml(String file) throws ConfigException {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file '" + file + "' not found");
        } catch (InvalidPathException e) {
            throw new ConfigException("bad config file name '" + file + "'");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file '" + file + "': " + reason(e));
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ConfigException("cannot parse config file '" + file + "': " + oneLine(problem) + where);
        } catch (YAMLException e) {
            throw new ConfigException("cannot parse config file '" + file + "': " + oneLine(e.getMessage()));
        }
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException("config file '" + file + "' must be a mapping of keys (" + KEY_LIST
                    + "), e.g. 'id: n1'");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || Settings.byKey(key) == null) {
                throw new ConfigException(inFile(file, "unknown key '" + e.getKey() + "' (known keys: " + KEY_LIST
                        + ")"));
            }
            if (e.getValue() != null) {
                result.put(key, e.getValue());
            }
        }
        return result;
    }

    /**
     * Creates the data dir if needed and checks it is writable by creating and deleting a probe file.
     */
    public static void checkDataDir(Path dir) throws ConfigException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException("data dir '" + dir + "' is not a directory");
        } catch (IOException | SecurityException e) {
            throw new ConfigException("cannot create data dir '" + dir + "': " + reason(e));
        }
        Path probe = dir.resolve(".redraft-write-probe-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException("data dir '" + dir + "' is not writable: " + reason(e));
        }
    }

    /**
     * Checks that this process can listen on {@code addr} by binding (and closing) a socket there, so a port in
     * use is reported with the address and the flag it came from.
     *
     * @param what e.g. "Redis address" or "Raft address"
     */
    public static void checkPortFree(String what, HostPort addr) throws ConfigException {
        InetSocketAddress sa = new InetSocketAddress(addr.host(), addr.port());
        if (sa.isUnresolved()) {
            throw new ConfigException("cannot listen on " + what + " " + addr + ": unknown host '" + addr.host() + "'");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(sa);
        } catch (BindException e) {
            throw new ConfigException("cannot listen on " + what + " " + addr + ": " + bindReason(e));
        } catch (IOException | SecurityException e) {
            throw new ConfigException("cannot listen on " + what + " " + addr + ": " + reason(e));
        }
    }

    /** "address already in use", "cannot assign requested address (not an address of this machine)", .... */
    static String bindReason(BindException e) {
        String msg = e.getMessage() == null ? "bind failed" : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("already in use")) {
            return "address already in use";
        }
        if (lower.contains("cannot assign requested address")) {
            return "cannot assign requested address (not an address of this machine)";
        }
        if (lower.contains("permission denied")) {
            return "permission denied";
        }
        return oneLine(lowerFirst(msg));
    }

    /** The user-facing text of a picocli parse error, one line. */
    static String describe(CommandLine.ParameterException e) {
        String command = qualifiedName(e.getCommandLine());
        String hint = " (see 'redraft " + (command.isEmpty() ? "" : command + " ") + "--help')";
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                return "unknown option '" + arg + "'" + hint;
            }
            if (e.getCommandLine().getSubcommands().isEmpty()) {
                return "unexpected argument '" + arg + "'" + hint;
            }
            return "unknown command '" + arg + "'" + hint;
        }
        return oneLine(lowerFirst(e.getMessage())) + hint;
    }

    /** "server" for {@code redraft server}, "" for {@code redraft} itself. */
    private static String qualifiedName(CommandLine cmd) {
        List<String> names = new java.util.ArrayList<>();
        for (CommandLine c = cmd; c != null; c = c.getParent()) {
            names.add(0, c.getCommandName());
        }
        if (!names.isEmpty() && names.get(0).equals("redraft")) {
            names.remove(0);
        }
        return String.join(" ", names);
    }

    /** The host name, used as the default node id ("localhost" if it cannot be found). */
    public static String hostName() {
        try {
            Path proc = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(proc)) {
                String name = Files.readString(proc).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    private static String inFile(String file, String message) {
        return "config file '" + file + "': " + message;
    }

    /** A short reason for an I/O failure, without a stack trace. */
    static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return oneLine(lowerFirst(fse.getReason()));
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e.getClass().getSimpleName();
        }
        return oneLine(lowerFirst(e.getMessage()));
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        // keep acronyms and names ("YAML", "Address") readable: only lower a capital followed by a lower case letter
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
