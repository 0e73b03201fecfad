package io.redraft.server;

import io.redraft.command.ConnectionLimits;
import io.redraft.command.EvictionPolicy;
import io.redraft.command.MemoryLimit;
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
import java.util.regex.Pattern;

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

    public static final String DEFAULT_REDIS_ADDR = "127.0.0.1:6379";
    public static final int RAFT_PORT_OFFSET = 10_000;

    public static final String KEY_ID = "id";
    public static final String KEY_REDIS_ADDR = "redis_addr";
    public static final String KEY_RAFT_ADDR = "raft_addr";
    public static final String KEY_DATA_DIR = "data_dir";
    public static final String KEY_BOOTSTRAP = "bootstrap";
    public static final String KEY_JOIN = "join";
    public static final String KEY_SNAPSHOT_THRESHOLD = "snapshot_threshold";
    public static final String KEY_MAXMEMORY = "maxmemory";
    public static final String KEY_MAXMEMORY_POLICY = "maxmemory_policy";
    public static final String KEY_MAXCLIENTS = "maxclients";
    public static final String KEY_TIMEOUT = "timeout";
    public static final String KEY_REQUIREPASS = "requirepass";
    /** The YAML keys, for messages and help text. */
    public static final String KEY_LIST = "id, redis_addr, raft_addr, data_dir, bootstrap, join, snapshot_threshold, "
            + "maxmemory, maxmemory_policy, maxclients, timeout, requirepass";

    private static final List<String> KEYS = List.of(KEY_ID, KEY_REDIS_ADDR, KEY_RAFT_ADDR, KEY_DATA_DIR,
            KEY_BOOTSTRAP, KEY_JOIN, KEY_SNAPSHOT_THRESHOLD, KEY_MAXMEMORY, KEY_MAXMEMORY_POLICY, KEY_MAXCLIENTS,
            KEY_TIMEOUT, KEY_REQUIREPASS);

    /** Node ids appear in NODES/LEADER replies (space separated) and in the default data dir path. */
    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ConfigLoader() {
    }

    /** Parses {@code redraft server} arguments (without the word "server") into a config. */
    public static ServerConfig fromArgs(String... args) throws ConfigException {
        return load(parseOptions(args), ConfigLoader::hostName);
    }

    /** Parses the flags only; {@code --help} is not handled here (picocli in {@link Main} does that). */
    public static ServerOptions parseOptions(String... args) throws ConfigException {
        ServerOptions options = new ServerOptions();
        CommandLine cmd = new CommandLine(options).setCommandName("server").setExpandAtFiles(false);
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

        // id
        String id;
        if (flags.id != null) {
            id = checkId(flags.id, "--id");
        } else if (yaml.containsKey(KEY_ID)) {
            Object v = yaml.get(KEY_ID);
            if (!(v instanceof String || v instanceof Integer || v instanceof Long)) {
                throw new ConfigException(inFile(file, "'" + KEY_ID + "' must be a string"));
            }
            id = checkId(v.toString(), inFile(file, "'" + KEY_ID + "'"));
        } else {
            String host = hostName.get();
            if (host == null || !ID_PATTERN.matcher(host).matches()) {
                throw new ConfigException("the host name '" + host + "' is not a valid node id; set --id");
            }
            id = host;
        }

        // addresses
        HostPort redis = address(flags.redisAddr, "--redis-addr", yaml, KEY_REDIS_ADDR, file);
        if (redis == null) {
            redis = HostPort.parse(DEFAULT_REDIS_ADDR);
        }
        HostPort raft = address(flags.raftAddr, "--raft-addr", yaml, KEY_RAFT_ADDR, file);
        if (raft == null) {
            int port = redis.port() + RAFT_PORT_OFFSET;
            if (port > 65535) {
                throw new ConfigException("the default Raft port " + port + " (Redis port " + redis.port() + " + "
                        + RAFT_PORT_OFFSET + ") is above 65535; set --raft-addr");
            }
            raft = new HostPort(redis.host(), port);
        }
        if (raft.equals(redis)) {
            throw new ConfigException("the Redis and Raft addresses must differ (both are " + redis + ")");
        }

        // data dir
        Path dataDir;
        if (flags.dataDir != null) {
            dataDir = path(flags.dataDir, "--data-dir");
        } else if (yaml.containsKey(KEY_DATA_DIR)) {
            dataDir = path(string(yaml, KEY_DATA_DIR, file, "a directory path"), inFile(file, "'" + KEY_DATA_DIR + "'"));
        } else {
            dataDir = Path.of("data", id);
        }

        // bootstrap / join: a flag for either replaces both YAML keys
        boolean bootstrap;
        HostPort join;
        if (flags.bootstrap || flags.join != null) {
            if (flags.bootstrap && flags.join != null) {
                throw new ConfigException("--bootstrap and --join cannot be used together");
            }
            bootstrap = flags.bootstrap;
            join = flags.join == null ? null : parseAddress(flags.join, "--join");
        } else {
            Object b = yaml.get(KEY_BOOTSTRAP);
            if (b != null && !(b instanceof Boolean)) {
                throw new ConfigException(inFile(file, "'" + KEY_BOOTSTRAP + "' must be true or false"));
            }
            bootstrap = Boolean.TRUE.equals(b);
            join = address(null, null, yaml, KEY_JOIN, file);
            if (bootstrap && join != null) {
                throw new ConfigException(inFile(file, "'" + KEY_BOOTSTRAP + "' and '" + KEY_JOIN
                        + "' cannot be used together"));
            }
        }

        // snapshot threshold
        long threshold = ServerConfig.DEFAULT_SNAPSHOT_THRESHOLD;
        if (flags.snapshotThreshold != null) {
            try {
                threshold = Long.parseLong(flags.snapshotThreshold.trim());
            } catch (NumberFormatException e) {
                threshold = -1;
            }
            if (threshold < 1) {
                throw new ConfigException("--snapshot-threshold must be a positive integer, got '"
                        + flags.snapshotThreshold + "'");
            }
        } else if (yaml.containsKey(KEY_SNAPSHOT_THRESHOLD)) {
            Object v = yaml.get(KEY_SNAPSHOT_THRESHOLD);
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1) {
                throw new ConfigException(inFile(file, "'" + KEY_SNAPSHOT_THRESHOLD
                        + "' must be a positive integer"));
            }
            threshold = ((Number) v).longValue();
        }

        // memory limit
        long maxmemory = 0;
        String mem = flags.maxmemory != null ? flags.maxmemory
                : yaml.containsKey(KEY_MAXMEMORY) ? String.valueOf(yaml.get(KEY_MAXMEMORY)) : null;
        if (mem != null) {
            Long bytes = MemoryLimit.parseBytes(mem);
            if (bytes == null) {
                throw new ConfigException((flags.maxmemory != null ? "--maxmemory"
                        : inFile(file, "'" + KEY_MAXMEMORY + "'")) + " must be a memory value such as 0, 100mb or 1gb, got '"
                        + mem + "'");
            }
            maxmemory = bytes;
        }
        EvictionPolicy policy = EvictionPolicy.NOEVICTION;
        String pol = flags.maxmemoryPolicy != null ? flags.maxmemoryPolicy
                : yaml.containsKey(KEY_MAXMEMORY_POLICY) ? String.valueOf(yaml.get(KEY_MAXMEMORY_POLICY)) : null;
        if (pol != null) {
            policy = EvictionPolicy.parse(pol.trim());
            if (policy == null) {
                throw new ConfigException((flags.maxmemoryPolicy != null ? "--maxmemory-policy"
                        : inFile(file, "'" + KEY_MAXMEMORY_POLICY + "'")) + " must be one of "
                        + EvictionPolicy.CHOICES + ", got '" + pol + "'");
            }
        }

        long maxclients = bounded(flags.maxclients, "--maxclients", yaml, KEY_MAXCLIENTS, file,
                ConnectionLimits.DEFAULT_MAX_CLIENTS, 1, Integer.MAX_VALUE);
        long timeout = bounded(flags.timeout, "--timeout", yaml, KEY_TIMEOUT, file, 0, 0, Integer.MAX_VALUE);

        String requirepass = flags.requirepass;
        if (requirepass == null && yaml.containsKey(KEY_REQUIREPASS)) {
            Object v = yaml.get(KEY_REQUIREPASS);
            if (v != null && !(v instanceof String || v instanceof Number)) {
                throw new ConfigException(inFile(file, "'" + KEY_REQUIREPASS + "' must be a string"));
            }
            requirepass = v == null ? null : String.valueOf(v); // a YAML number is a password too
        }
        if (requirepass != null && requirepass.isEmpty()) {
            requirepass = null;
        }

        return new ServerConfig(id, redis, raft, dataDir, bootstrap, join, threshold, maxmemory, policy,
                (int) maxclients, timeout, requirepass);
    }

    /** An integer setting from its flag, else its YAML key, else the default; within [min, max]. */
    private static long bounded(String flag, String flagName, Map<String, Object> yaml, String key, String file,
                                long dflt, long min, long max) throws ConfigException {
        String text = flag != null ? flag : yaml.containsKey(key) ? String.valueOf(yaml.get(key)) : null;
        if (text == null) {
            return dflt;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw new ConfigException((flag != null ? flagName : inFile(file, "'" + key + "'"))
                    + " must be an integer from " + min + " to " + max + ", got '" + text + "'");
        }
        return value;
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
            if (!(e.getKey() instanceof String key) || !KEYS.contains(key)) {
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

    private static String checkId(String id, String source) throws ConfigException {
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new ConfigException(source + ": bad node id '" + id
                    + "': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    private static HostPort address(String flagValue, String flag, Map<String, Object> yaml, String key, String file)
            throws ConfigException {
        if (flagValue != null) {
            return parseAddress(flagValue, flag);
        }
        if (!yaml.containsKey(key)) {
            return null;
        }
        return parseAddress(string(yaml, key, file, "a host:port string"), inFile(file, "'" + key + "'"));
    }

    private static HostPort parseAddress(String text, String source) throws ConfigException {
        try {
            return HostPort.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static Path path(String text, String source) throws ConfigException {
        if (text.isBlank()) {
            throw new ConfigException(source + ": empty directory path");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(source + ": bad directory path '" + text + "'");
        }
    }

    private static String string(Map<String, Object> yaml, String key, String file, String what)
            throws ConfigException {
        Object v = yaml.get(key);
        if (!(v instanceof String s)) {
            throw new ConfigException(inFile(file, "'" + key + "' must be " + what + ", got " + describeValue(v)));
        }
        return s;
    }

    private static String describeValue(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        }
        if (v instanceof Number) {
            return "a number (" + v + ")";
        }
        return "'" + v + "'";
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
