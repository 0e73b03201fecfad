package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private static ServerConfig load(String... args) throws ConfigException {
        return ConfigLoader.load(ConfigLoader.parseOptions(args), () -> "myhost");
    }

    private static String error(String... args) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(args));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private String yaml(String text) throws IOException {
        Path file = tmp.resolve("redraft.yaml");
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void clientOutputBufferLimitFromFlagOrYaml() throws Exception {
        assertEquals(java.util.Map.of(io.redraft.command.OutputBufferLimits.ClientClass.NORMAL,
                        new io.redraft.command.OutputBufferLimits.Limit(1 << 20, 512 << 10, 60)),
                load("--client-output-buffer-limit", "normal 1mb 512kb 60").get(Settings.CLIENT_OUTPUT_BUFFER_LIMIT));
        assertEquals(1, load("--config", yaml("client_output_buffer_limit: pubsub 1mb 0 0\n"))
                .get(Settings.CLIENT_OUTPUT_BUFFER_LIMIT).size());
        String msg = error("--client-output-buffer-limit", "normal 1mb");
        assertTrue(msg.startsWith("--client-output-buffer-limit: Wrong number of arguments"), msg);
        msg = error("--config", yaml("client_output_buffer_limit: master 0 0 0\n"));
        assertTrue(msg.contains("'client_output_buffer_limit'") && msg.contains("Invalid client class"), msg);
    }

    @Test
    void defaults() throws Exception {
        ServerConfig c = load();
        assertEquals("myhost", c.id());
        assertEquals(new HostPort("127.0.0.1", 6379), c.redisAddr());
        assertEquals(new HostPort("127.0.0.1", 16379), c.raftAddr());
        assertEquals(Path.of("data", "myhost"), c.dataDir());
        assertFalse(c.bootstrap());
        assertNull(c.join());
        assertEquals(ServerConfig.DEFAULT_SNAPSHOT_THRESHOLD, c.snapshotThreshold());
    }

    @Test
    void defaultIdIsTheHostName() throws Exception {
        assertEquals(ConfigLoader.hostName(), ConfigLoader.fromArgs("--data-dir", tmp.toString()).id());
    }

    @Test
    void raftPortDefaultsToRedisPortPlus10000OnTheRedisHost() throws Exception {
        ServerConfig c = load("--redis-addr", "0.0.0.0:7002");
        assertEquals(new HostPort("0.0.0.0", 17002), c.raftAddr());
    }

    @Test
    void flags() throws Exception {
        ServerConfig c = load("--id", "n2", "--redis-addr", "127.0.0.1:7002", "--raft-addr", "127.0.0.1:9000",
                "--data-dir", "/tmp/x", "--join", "127.0.0.1:7001", "--snapshot-threshold", "50");
        assertEquals("n2", c.id());
        assertEquals(new HostPort("127.0.0.1", 7002), c.redisAddr());
        assertEquals(new HostPort("127.0.0.1", 9000), c.raftAddr());
        assertEquals(Path.of("/tmp/x"), c.dataDir());
        assertFalse(c.bootstrap());
        assertEquals(new HostPort("127.0.0.1", 7001), c.join());
        assertEquals(50, c.snapshotThreshold());
        assertTrue(load("--id=n1", "--bootstrap").bootstrap());
    }

    @Test
    void yamlAndFlagOverride() throws Exception {
        String file = yaml("""
                id: n1
                redis_addr: 127.0.0.1:7001
                raft_addr: 127.0.0.1:17101
                data_dir: /var/lib/redraft
                bootstrap: true
                snapshot_threshold: 1000
                """);
        ServerConfig c = load("--config", file);
        assertEquals("n1", c.id());
        assertEquals(new HostPort("127.0.0.1", 7001), c.redisAddr());
        assertEquals(new HostPort("127.0.0.1", 17101), c.raftAddr());
        assertEquals(Path.of("/var/lib/redraft"), c.dataDir());
        assertTrue(c.bootstrap());
        assertEquals(1000, c.snapshotThreshold());

        ServerConfig o = load("--config", file, "--id", "n9", "--redis-addr", "127.0.0.1:7009", "--data-dir", "d9",
                "--join", "127.0.0.1:7001", "--snapshot-threshold", "7");
        assertEquals("n9", o.id());
        assertEquals(new HostPort("127.0.0.1", 7009), o.redisAddr());
        assertEquals(new HostPort("127.0.0.1", 17101), o.raftAddr(), "raft_addr still from YAML");
        assertEquals(Path.of("d9"), o.dataDir());
        assertFalse(o.bootstrap(), "--join on the command line replaces bootstrap from YAML");
        assertEquals(new HostPort("127.0.0.1", 7001), o.join());
        assertEquals(7, o.snapshotThreshold());
    }

    @Test
    void yamlDefaultsDeriveFromMergedValues() throws Exception {
        ServerConfig c = load("--config", yaml("id: 3\njoin: 127.0.0.1:7001\n"), "--redis-addr", "127.0.0.1:7003");
        assertEquals("3", c.id());
        assertEquals(new HostPort("127.0.0.1", 17003), c.raftAddr());
        assertEquals(Path.of("data", "3"), c.dataDir());
        assertEquals(new HostPort("127.0.0.1", 7001), c.join());
    }

    @Test
    void emptyYamlAndNullValuesAreAllowed() throws Exception {
        assertEquals("myhost", load("--config", yaml("")).id());
        assertEquals("myhost", load("--config", yaml("# nothing\n")).id());
        assertNull(load("--config", yaml("join:\nid: ~\n")).join());
    }

    @Test
    void httpAddrIsOffByDefaultAndSetByFlagOrYaml() throws Exception {
        assertNull(load().httpAddr());
        assertEquals(new HostPort("0.0.0.0", 8080), load("--http-addr", "0.0.0.0:8080").httpAddr());
        assertEquals(new HostPort("127.0.0.1", 8081), load("--config", yaml("http_addr: 127.0.0.1:8081\n")).httpAddr());
        assertEquals(new HostPort("127.0.0.1", 8082),
                load("--config", yaml("http_addr: 127.0.0.1:8081\n"), "--http-addr", "127.0.0.1:8082").httpAddr());
    }

    @Test
    void badHttpAddr() throws Exception {
        assertTrue(error("--http-addr", "nope").startsWith("--http-addr: "), error("--http-addr", "nope"));
        assertTrue(error("--config", yaml("http_addr: 8080\n")).contains("'http_addr'"));
        assertEquals("the HTTP address must differ from the Redis and Raft addresses (127.0.0.1:6379)",
                error("--http-addr", "127.0.0.1:6379"));
    }

    @Test
    void unknownFlag() {
        assertEquals("unknown option '--port' (see 'redraft server --help')", error("--port", "7001"));
        assertEquals("unexpected argument 'extra' (see 'redraft server --help')", error("--id", "a", "extra"));
    }

    @Test
    void flagWithoutValue() {
        assertTrue(error("--id").startsWith("missing required parameter for option '--id'"), error("--id"));
    }

    @Test
    void badAddresses() {
        assertEquals("--redis-addr: bad address 'localhost': expected host:port", error("--redis-addr", "localhost"));
        assertEquals("--redis-addr: bad address 'h:x': port is not a number", error("--redis-addr", "h:x"));
        assertEquals("--raft-addr: bad address 'h:70000': port must be 1-65535", error("--raft-addr", "h:70000"));
        assertEquals("--redis-addr: bad address 'h:0': port must be 1-65535", error("--redis-addr", "h:0"));
        assertEquals("--join: bad address ':7001': expected host:port", error("--join", ":7001"));
    }

    @Test
    void defaultRaftPortAbove65535() {
        assertEquals("the default Raft port 70000 (Redis port 60000 + 10000) is above 65535; set --raft-addr",
                error("--redis-addr", "127.0.0.1:60000"));
    }

    @Test
    void sameRedisAndRaftAddress() {
        assertEquals("the Redis and Raft addresses must differ (both are 127.0.0.1:7001)",
                error("--redis-addr", "127.0.0.1:7001", "--raft-addr", "127.0.0.1:7001"));
    }

    @Test
    void badId() {
        assertTrue(error("--id", "a b").startsWith("--id: bad node id 'a b'"));
        assertTrue(error("--id", "../x").startsWith("--id: bad node id '../x'"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(new ServerOptions(), () -> "bad host"));
        assertEquals("the host name 'bad host' is not a valid node id; set --id", e.getMessage());
    }

    @Test
    void bootstrapAndJoinTogether() {
        assertEquals("--bootstrap and --join cannot be used together",
                error("--bootstrap", "--join", "127.0.0.1:7001"));
    }

    @Test
    void badSnapshotThreshold() {
        assertEquals("--snapshot-threshold must be a positive integer, got 'x'", error("--snapshot-threshold", "x"));
        assertEquals("--snapshot-threshold must be a positive integer, got '0'", error("--snapshot-threshold", "0"));
    }

    @Test
    void requirepassFromFlagOrYaml() throws Exception {
        assertNull(load().requirepass());
        assertEquals("s3cret", load("--requirepass", "s3cret").requirepass());
        assertNull(load("--requirepass", "").requirepass());
        assertEquals("from-file", load("--config", yaml("requirepass: from-file\n")).requirepass());
        assertEquals("12345", load("--config", yaml("requirepass: 12345\n")).requirepass());
        assertEquals("flag", load("--config", yaml("requirepass: file\n"), "--requirepass", "flag").requirepass());
        String f = tmp.resolve("redraft.yaml").toString();
        assertEquals("config file '" + f + "': 'requirepass' must be a string, got a list",
                error("--config", yaml("requirepass: [a, b]\n")));
    }

    @Test
    void yamlErrors() throws Exception {
        String f = tmp.resolve("redraft.yaml").toString();
        assertEquals("config file '" + f + "': unknown key 'port' (known keys: " + ConfigLoader.KEY_LIST + ")",
                error("--config", yaml("id: n1\nport: 7001\n")));
        assertEquals("config file '" + f + "': 'bootstrap' must be true or false",
                error("--config", yaml("bootstrap: maybe\n")));
        assertEquals("config file '" + f + "': 'redis_addr' must be a host:port string, got a number (7001)",
                error("--config", yaml("redis_addr: 7001\n")));
        assertEquals("config file '" + f + "': 'redis_addr': bad address 'nope': expected host:port",
                error("--config", yaml("redis_addr: nope\n")));
        assertEquals("config file '" + f + "': 'data_dir' must be a directory path, got a list",
                error("--config", yaml("data_dir: [a, b]\n")));
        assertEquals("config file '" + f + "': 'snapshot_threshold' must be a positive integer, got '-5'",
                error("--config", yaml("snapshot_threshold: -5\n")));
        assertEquals("config file '" + f + "': 'id' must be a string",
                error("--config", yaml("id: {a: 1}\n")));
        assertEquals("config file '" + f + "': 'bootstrap' and 'join' cannot be used together",
                error("--config", yaml("bootstrap: true\njoin: 127.0.0.1:7001\n")));
        assertEquals("config file '" + f + "' must be a mapping of keys (" + ConfigLoader.KEY_LIST + "), e.g. 'id: n1'",
                error("--config", yaml("- id\n- n1\n")));
        String parse = error("--config", yaml("id: n1\n  bad: [\n"));
        assertTrue(parse.startsWith("cannot parse config file '" + f + "': "), parse);
        assertTrue(parse.contains(" at line "), parse);
        String dup = error("--config", yaml("id: a\nid: b\n"));
        assertTrue(dup.startsWith("cannot parse config file '" + f + "': found duplicate key id"), dup);
        String missing = tmp.resolve("missing.yaml").toString();
        assertEquals("config file '" + missing + "' not found", error("--config", missing));
        assertTrue(error("--config", tmp.toString()).startsWith("cannot read config file '" + tmp + "': "));
    }

    @Test
    void dataDirIsCreatedAndProbed() throws Exception {
        Path dir = tmp.resolve("a/b/c");
        ConfigLoader.checkDataDir(dir);
        assertTrue(Files.isDirectory(dir));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "probe file removed");
        }
        ConfigLoader.checkDataDir(dir); // existing dir is fine
    }

    @Test
    void unwritableDataDir() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.checkDataDir(file));
        assertEquals("data dir '" + file + "' is not a directory", e.getMessage());
        Path under = file.resolve("sub");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.checkDataDir(under));
        assertTrue(e.getMessage().startsWith("cannot create data dir '" + under + "': "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void portInUse() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HostPort addr = new HostPort("127.0.0.1", s.getLocalPort());
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.checkPortFree("Redis address", addr));
            assertEquals("cannot listen on Redis address " + addr + ": address already in use", e.getMessage());
        }
    }

    @Test
    void unknownHost() {
        HostPort addr = new HostPort("no-such-host.invalid", 7001);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.checkPortFree("Redis address", addr));
        assertEquals("cannot listen on Redis address no-such-host.invalid:7001: unknown host 'no-such-host.invalid'",
                e.getMessage());
    }

    @Test
    void observabilitySettingsFromFlagsAndYaml() throws Exception {
        ServerConfig d = load();
        assertNull(d.metricsAddr());
        assertEquals(10_000, d.get(Settings.SLOWLOG_LOG_SLOWER_THAN));
        assertEquals(128, d.get(Settings.SLOWLOG_MAX_LEN));
        assertEquals(0, d.get(Settings.LATENCY_MONITOR_THRESHOLD));

        ServerConfig f = load("--metrics-addr", "127.0.0.1:9121", "--slowlog-log-slower-than", "-1",
                "--slowlog-max-len", "5", "--latency-monitor-threshold", "20");
        assertEquals(new HostPort("127.0.0.1", 9121), f.metricsAddr());
        assertEquals(-1, f.get(Settings.SLOWLOG_LOG_SLOWER_THAN));
        assertEquals(5, f.get(Settings.SLOWLOG_MAX_LEN));
        assertEquals(20, f.get(Settings.LATENCY_MONITOR_THRESHOLD));

        String file = yaml("metrics_addr: 0.0.0.0:9121\nslowlog_log_slower_than: 0\nslowlog_max_len: 1000\n"
                + "latency_monitor_threshold: 100\n");
        ServerConfig y = load("--config", file);
        assertEquals(new HostPort("0.0.0.0", 9121), y.metricsAddr());
        assertEquals(0, y.get(Settings.SLOWLOG_LOG_SLOWER_THAN));
        assertEquals(1000, y.get(Settings.SLOWLOG_MAX_LEN));
        assertEquals(100, y.get(Settings.LATENCY_MONITOR_THRESHOLD));
        assertEquals(7, load("--config", file, "--slowlog-max-len", "7").get(Settings.SLOWLOG_MAX_LEN));
    }

    @Test
    void badObservabilitySettingsNameTheirKey() throws Exception {
        assertTrue(error("--slowlog-log-slower-than", "-2").startsWith("--slowlog-log-slower-than must be"));
        assertTrue(error("--slowlog-max-len", "many").startsWith("--slowlog-max-len must be"));
        assertTrue(error("--latency-monitor-threshold", "-1").startsWith("--latency-monitor-threshold must be"));
        assertTrue(error("--metrics-addr", "nowhere").startsWith("--metrics-addr"));
        assertTrue(error("--metrics-addr", "127.0.0.1:6379").contains("metrics address must differ"));
        assertTrue(error("--metrics-addr", "127.0.0.1:8080", "--http-addr", "127.0.0.1:8080")
                .contains("metrics address must differ"));
        String file = yaml("slowlog_max_len: -3\n");
        assertTrue(error("--config", file).contains("'slowlog_max_len' must be"), error("--config", file));
    }
}
