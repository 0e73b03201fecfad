package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.redraft.command.ConfigParameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The settings table: every setting parsed from its flag and YAML key, every bad value named, CONFIG's view. */
class SettingsTest {
    @TempDir
    Path tmp;

    /** A bad value for each setting, by YAML key; a new setting must add one here. */
    private static final Map<String, String> BAD = Map.ofEntries(
            Map.entry("id", "a b"),
            Map.entry("redis_addr", "nohost"),
            Map.entry("raft_addr", "h:0"),
            Map.entry("data_dir", " "),
            Map.entry("bootstrap", "maybe"),
            Map.entry("join", ":1"),
            Map.entry("snapshot_threshold", "0"),
            Map.entry("maxmemory", "lots"),
            Map.entry("maxmemory_policy", "allkeys-lfu"),
            Map.entry("maxclients", "-1"),
            Map.entry("timeout", "soon"),
            Map.entry("election_timeout_min", "99"),
            Map.entry("election_timeout_max", "60001"),
            Map.entry("loglevel", "loud"),
            Map.entry("follower_writes", "drop"),
            Map.entry("http_addr", "nohost"),
            Map.entry("tls_port", "70000"),
            Map.entry("tls_cert_file", "/nonexistent/node.crt"),
            Map.entry("tls_key_file", "/nonexistent/node.key"),
            Map.entry("tls_ca_cert_file", "/nonexistent/ca.crt"),
            Map.entry("tls_auth_clients", "maybe"),
            Map.entry("tls_replication", "on"),
            Map.entry("cluster_id", "not-a-uuid"),
            Map.entry("metrics_addr", "nohost"),
            Map.entry("slowlog_log_slower_than", "-2"),
            Map.entry("slowlog_max_len", "many"),
            Map.entry("latency_monitor_threshold", "-1"),
            Map.entry("client_output_buffer_limit", "normal 1mb"),
            Map.entry("client_query_buffer_limit", "1kb"));

    /** Settings for which every text is valid; their YAML value is refused when it is not a scalar. */
    private static final Set<String> ANY_TEXT = Set.of("requirepass");

    private static ServerConfig load(String... args) throws ConfigException {
        return ConfigLoader.load(ConfigLoader.parseOptions(args), () -> "myhost");
    }

    private static String error(String... args) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(args));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private String yaml(String text) throws IOException {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void flagsAndKeysComeFromTheTable() {
        for (Setting<?> s : Settings.ALL) {
            assertEquals("--" + s.key().replace('_', '-'), s.flag());
            assertEquals(s.key().replace('_', '-'), s.configName());
            assertFalse(s.doc().isBlank(), s.key());
        }
        assertEquals(Settings.ALL.size(), Settings.ALL.stream().map(Setting::key).distinct().count());
        assertEquals(Settings.ALL.stream().map(Setting::key).collect(Collectors.joining(", ")), ConfigLoader.KEY_LIST);
    }

    @Test
    void everyBadValueIsRefusedNamingItsFlagOrKey() throws Exception {
        for (Setting<?> s : Settings.ALL) {
            if (ANY_TEXT.contains(s.key())) {
                String file = yaml(s.key() + ": [a, list]\n");
                String msg = error("--config", file);
                assertTrue(msg.startsWith("config file '" + file + "': '" + s.key() + "'"), msg);
                continue;
            }
            String bad = BAD.get(s.key());
            assertNotNull(bad, "SettingsTest.BAD needs a bad value for " + s.key());
            if (!s.isSwitch()) {
                String msg = error(s.flag(), bad);
                assertTrue(msg.startsWith(s.flag() + " must be ") || msg.startsWith(s.flag() + ": "), msg);
            }
            String file = yaml(s.key() + ": '" + bad + "'\n");
            String msg = error("--config", file);
            assertTrue(msg.startsWith("config file '" + file + "': '" + s.key() + "'"), msg);
        }
    }

    @Test
    void newSettingsFromFlagsAndYaml() throws Exception {
        ServerConfig defaults = load();
        assertEquals(500L, defaults.get(Settings.ELECTION_TIMEOUT_MIN));
        assertEquals(1000L, defaults.get(Settings.ELECTION_TIMEOUT_MAX));
        assertEquals(LogLevel.NOTICE, defaults.get(Settings.LOGLEVEL));
        assertEquals(FollowerWrites.FORWARD, defaults.get(Settings.FOLLOWER_WRITES));

        String file = yaml("election_timeout_min: 200\nelection_timeout_max: 400\nloglevel: debug\n"
                + "follower_writes: readonly\n");
        ServerConfig c = load("--config", file);
        assertEquals(200L, c.get(Settings.ELECTION_TIMEOUT_MIN));
        assertEquals(400L, c.get(Settings.ELECTION_TIMEOUT_MAX));
        assertEquals(LogLevel.DEBUG, c.get(Settings.LOGLEVEL));
        assertEquals(FollowerWrites.READONLY, c.get(Settings.FOLLOWER_WRITES));
        ServerConfig o = load("--config", file, "--loglevel", "WARNING", "--follower-writes", "forward",
                "--election-timeout-max", "3000");
        assertEquals(LogLevel.WARNING, o.get(Settings.LOGLEVEL));
        assertEquals(FollowerWrites.FORWARD, o.get(Settings.FOLLOWER_WRITES));
        assertEquals(3000L, o.get(Settings.ELECTION_TIMEOUT_MAX));
    }

    @Test
    void exactMessages() throws Exception {
        assertEquals("--loglevel must be one of debug, verbose, notice, warning, nothing, got 'loud'",
                error("--loglevel", "loud"));
        assertEquals("--follower-writes must be one of forward, readonly, got 'drop'",
                error("--follower-writes", "drop"));
        assertEquals("--election-timeout-min must be an integer from 100 to 60000, got '50'",
                error("--election-timeout-min", "50"));
        assertEquals("election_timeout_min (1000 ms) must be less than election_timeout_max (1000 ms)",
                error("--election-timeout-min", "1000"));
        String file = yaml("loglevel: [a]\n");
        assertEquals("config file '" + file + "': 'loglevel' must be one of debug, verbose, notice, warning, "
                + "nothing, got a list", error("--config", file));
    }

    @Test
    void badValueExitsWithCode2AndOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"server", "--follower-writes", "sometimes"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("redraft: --follower-writes must be one of forward, readonly, got 'sometimes'\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEverySetting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"server", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err));
        String help = out.toString(StandardCharsets.UTF_8);
        for (Setting<?> s : Settings.ALL) {
            assertTrue(help.contains(s.flag()), s.flag() + " in " + help);
        }
    }

    @Test
    void configParametersShowEverySettingAndChangeOnlyRunTimeOnes() throws Exception {
        List<ConfigParameter> params = new LiveSettings(load("--loglevel", "warning", "--maxclients", "7"))
                .onChange(Settings.LOGLEVEL, LogLevel::apply).parameters();
        Map<String, ConfigParameter> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        assertEquals(Settings.ALL.size() - Settings.SECRET.size(), byName.size());
        assertNull(byName.get("requirepass"), "CONFIG GET never shows a password");
        assertEquals("warning", byName.get("loglevel").value());
        assertEquals("7", byName.get("maxclients").value());
        assertEquals("no", byName.get("bootstrap").value());
        assertEquals("", byName.get("join").value());
        assertEquals("myhost", byName.get("id").value());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> byName.get("election-timeout-min").prepare("300"));
        assertEquals("Redraft cannot change this parameter at run time", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> byName.get("maxclients").prepare("0"));
        assertEquals("argument must be between 1 and 2147483647 inclusive", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> byName.get("maxmemory").prepare("1.5g"));
        assertEquals("argument must be a memory value", e.getMessage());

        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            Runnable apply = byName.get("loglevel").prepare("debug");
            assertEquals("warning", byName.get("loglevel").value(), "prepare alone changes nothing");
            apply.run();
            assertEquals("debug", byName.get("loglevel").value());
            assertEquals(Level.DEBUG, root.getLevel());
        } finally {
            root.setLevel(before);
        }
    }
}
