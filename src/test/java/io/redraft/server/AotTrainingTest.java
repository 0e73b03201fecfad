package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AOT training run (./redraft runs it under -XX:AOTCacheOutput on Java 25+): it
 * must finish by itself, start twice (the second time from a snapshot and a log tail), and stay
 * out of the usage.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AotTrainingTest {
    @TempDir
    Path dir;

    @Test
    void theTrainingRunSnapshotsRestartsAndExitsZero() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"aot-training", dir.resolve("data").toString()}, quiet,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("snapshot")),
                    "no snapshot written under " + dir);
        }
    }

    @Test
    void itIsNotInTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("cluster"), usage);
        assertFalse(usage.contains("aot-training"), usage);
    }
}
