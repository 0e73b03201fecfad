package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redraft.command.EvictionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxmemory / maxmemory_policy and the client limits from flags and YAML. */
class ConfigLoaderMemoryTest {
    @TempDir
    Path tmp;

    private ServerConfig load(String... args) throws ConfigException {
        return ConfigLoader.load(ConfigLoader.parseOptions(args), () -> "myhost");
    }

    private String yaml(String text) throws IOException {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void defaultsToNoLimit() throws Exception {
        ServerConfig c = load();
        assertEquals(0, c.maxmemory());
        assertEquals(EvictionPolicy.NOEVICTION, c.maxmemoryPolicy());
    }

    @Test
    void flagsWithRedisUnitsOverrideYaml() throws Exception {
        String file = yaml("maxmemory: 1gb\nmaxmemory_policy: volatile-ttl\n");
        ServerConfig fromFile = load("--config", file);
        assertEquals(1L << 30, fromFile.maxmemory());
        assertEquals(EvictionPolicy.VOLATILE_TTL, fromFile.maxmemoryPolicy());
        ServerConfig c = load("--config", file, "--maxmemory", "100mb", "--maxmemory-policy", "allkeys-lru");
        assertEquals(100L << 20, c.maxmemory());
        assertEquals(EvictionPolicy.ALLKEYS_LRU, c.maxmemoryPolicy());
        assertEquals(12345, load("--config", yaml("maxmemory: 12345\n")).maxmemory());
    }

    @Test
    void badValuesAreOneLineErrors() throws Exception {
        assertEquals("--maxmemory must be a memory value such as 0, 100mb or 1gb, got '1.5gb'",
                assertThrows(ConfigException.class, () -> load("--maxmemory", "1.5gb")).getMessage());
        assertEquals("--maxmemory-policy must be one of " + EvictionPolicy.CHOICES + ", got 'allkeys-lfu'",
                assertThrows(ConfigException.class, () -> load("--maxmemory-policy", "allkeys-lfu")).getMessage());
        String file = yaml("maxmemory: lots\n");
        assertEquals(true, assertThrows(ConfigException.class, () -> load("--config", file)).getMessage()
                .contains("'maxmemory' must be a memory value"));
    }

    @Test
    void clientLimitsFromFlagsAndYaml() throws Exception {
        ServerConfig defaults = load();
        assertEquals(10_000, defaults.maxclients());
        assertEquals(0, defaults.timeout());
        String file = yaml("maxclients: 50\ntimeout: 300\n");
        assertEquals(50, load("--config", file).maxclients());
        assertEquals(300, load("--config", file).timeout());
        assertEquals(7, load("--config", file, "--maxclients", "7").maxclients());
        assertEquals("--maxclients must be an integer from 1 to 2147483647, got '0'",
                assertThrows(ConfigException.class, () -> load("--maxclients", "0")).getMessage());
        assertEquals("--timeout must be an integer from 0 to 2147483647, got 'soon'",
                assertThrows(ConfigException.class, () -> load("--timeout", "soon")).getMessage());
    }
}
