package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowLogTest {
    private static byte[][] argv(String... args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void trimsArgumentsAsRedisDoes() {
        byte[][] exact = new byte[32][];
        for (int i = 0; i < 32; i++) {
            exact[i] = ("a" + i).getBytes(StandardCharsets.UTF_8);
        }
        assertArrayEquals(exact, SlowLog.trimmed(exact), "32 arguments are kept whole");

        byte[][] many = new byte[33][];
        System.arraycopy(exact, 0, many, 0, 32);
        many[32] = "last".getBytes(StandardCharsets.UTF_8);
        byte[][] cut = SlowLog.trimmed(many);
        assertEquals(32, cut.length);
        assertEquals("a30", str(cut[30]));
        assertEquals("... (2 more arguments)", str(cut[31]));

        String long129 = "y".repeat(129);
        byte[][] longArg = SlowLog.trimmed(argv("SET", "k", long129, "x".repeat(128)));
        assertEquals("y".repeat(128) + "... (1 more bytes)", str(longArg[2]));
        assertEquals("x".repeat(128), str(longArg[3]));
    }

    @Test
    void keepsTheNewestUpToMaxLenAndHonoursTheThreshold() {
        SlowLog log = new SlowLog(100, 3);
        log.record(argv("GET", "fast"), 99, 5_000, "127.0.0.1:1", null);
        assertEquals(0, log.size());
        for (int i = 0; i < 5; i++) {
            log.record(argv("SET", "k" + i), 100 + i, 5_000, "127.0.0.1:1", "name");
        }
        List<SlowLog.Entry> all = log.newest(-1);
        assertEquals(3, all.size());
        assertEquals(4, all.get(0).id());
        assertEquals("k4", str(all.get(0).argv()[1]));
        assertEquals(5, all.get(0).timeSeconds());
        assertEquals(104, all.get(0).micros());
        assertEquals("name", all.get(0).clientName());
        assertEquals(2, log.newest(2).size());
        log.setMaxLen(1);
        assertEquals(3, log.size(), "trimmed at the next logged command, as in Redis");
        log.record(argv("GET", "k"), 200, 5_000, "127.0.0.1:1", null);
        assertEquals(1, log.size());
        log.reset();
        assertEquals(0, log.size());
        log.record(argv("PING"), 1_000, 5_000, "127.0.0.1:1", null);
        assertEquals(6, log.newest(10).get(0).id(), "ids keep counting after RESET");
        assertEquals("", log.newest(10).get(0).clientName());
        log.setSlowerThanMicros(-1);
        assertFalse(log.isSlow(Long.MAX_VALUE));
        log.setSlowerThanMicros(0);
        assertTrue(log.isSlow(0));
    }

    @Test
    void latencyMonitorKeepsTheHighestSamplePerSecondAndTheMaximum() {
        LatencyMonitor m = new LatencyMonitor(0);
        m.record("command", 500, 1_000);
        assertTrue(m.latest().isEmpty(), "threshold 0: monitoring is off");
        m.setThresholdMillis(10);
        m.record("command", 9, 1_000);
        assertTrue(m.latest().isEmpty(), "below the threshold");
        m.record("command", 20, 1_000);
        m.record("command", 50, 1_500);
        m.record("command", 30, 1_900);
        m.record("command", 15, 2_000);
        assertEquals(List.of(new LatencyMonitor.Sample(1, 50), new LatencyMonitor.Sample(2, 15)), m.history("command"));
        assertEquals(List.of(new LatencyMonitor.Latest("command", 2, 15, 50)), m.latest());
        for (int s = 3; s < 3 + LatencyMonitor.SAMPLES; s++) {
            m.record("command", 11, s * 1_000L);
        }
        assertEquals(LatencyMonitor.SAMPLES, m.history("command").size(), "the last 160 seconds are kept");
        assertEquals(3, m.history("command").get(0).timeSeconds());
        assertEquals(50, m.latest().get(0).maxMillis());
        m.record("fsync", 12, 1_000);
        assertEquals(1, m.reset(List.of("fsync", "nothing")));
        assertEquals(1, m.reset(List.of()));
        assertTrue(m.history("command").isEmpty());
    }
}
