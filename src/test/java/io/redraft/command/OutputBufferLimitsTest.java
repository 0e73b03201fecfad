package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.OutputBufferLimits.ClientClass;
import io.redraft.command.OutputBufferLimits.Limit;
import io.redraft.command.OutputBufferLimits.Tracker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutputBufferLimitsTest {
    static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void defaultsAreRedisesAndReadBackAsRedisPrintsThem() {
        OutputBufferLimits limits = new OutputBufferLimits();
        assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", limits.redisValue());
        assertEquals(new Limit(0, 0, 0), limits.of(ClientClass.NORMAL));
    }

    @Test
    void settingOneClassKeepsTheOthers() {
        OutputBufferLimits limits = new OutputBufferLimits();
        limits.set(OutputBufferLimits.parse("normal 1mb 512kb 60"));
        assertEquals(new Limit(1 << 20, 512 << 10, 60), limits.of(ClientClass.NORMAL));
        assertEquals(new Limit(32L << 20, 8L << 20, 60), limits.of(ClientClass.PUBSUB));
        limits.set(OutputBufferLimits.parse("replica 0 0 0 PUBSUB 1000 100 5"));
        assertEquals("normal 1048576 524288 60 slave 0 0 0 pubsub 1000 100 5", limits.redisValue());
    }

    @Test
    void badValuesGetRedisesMessages() {
        assertEquals("Wrong number of arguments in buffer limit configuration.",
                assertThrows(IllegalArgumentException.class, () -> OutputBufferLimits.parse("normal 1mb 0")).getMessage());
        assertEquals("Invalid client class specified in buffer limit configuration.",
                assertThrows(IllegalArgumentException.class, () -> OutputBufferLimits.parse("master 0 0 0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputBufferLimits.parse("normal lots 0 0"));
        assertThrows(IllegalArgumentException.class, () -> OutputBufferLimits.parse("normal 0 0 -1"));
    }

    @Test
    void hardLimitDropsAtOnce() {
        Limit pubsub = new OutputBufferLimits().of(ClientClass.PUBSUB);
        Tracker t = new Tracker();
        assertFalse(t.exceeded(pubsub, 32L << 20, 0));
        assertTrue(t.exceeded(pubsub, (32L << 20) + 1, 0));
    }

    @Test
    void noLimitNeverDrops() {
        assertFalse(new Tracker().exceeded(new Limit(0, 0, 0), Long.MAX_VALUE, 0));
    }

    @Test
    void softLimitDropsOnlyAfterStayingAboveForItsTime() {
        Limit limit = new Limit(1000, 100, 60);
        Tracker t = new Tracker();
        assertFalse(t.exceeded(limit, 150, 0));
        assertFalse(t.exceeded(limit, 150, 60 * S));
        assertTrue(t.exceeded(limit, 150, 60 * S + 1));
    }

    @Test
    void goingBelowTheSoftLimitRestartsItsClock() {
        Limit limit = new Limit(1000, 100, 60);
        Tracker t = new Tracker();
        assertFalse(t.exceeded(limit, 150, 0));
        assertFalse(t.exceeded(limit, 50, 30 * S));
        assertFalse(t.exceeded(limit, 150, 40 * S));
        assertFalse(t.exceeded(limit, 150, 90 * S));
        assertTrue(t.exceeded(limit, 150, 101 * S));
    }
}
