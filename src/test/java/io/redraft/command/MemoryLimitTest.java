package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MemoryLimitTest {
    @Test
    void parsesRedisMemoryUnits() {
        assertEquals(0L, MemoryLimit.parseBytes("0"));
        assertEquals(100L, MemoryLimit.parseBytes("100"));
        assertEquals(100L, MemoryLimit.parseBytes("100b"));
        assertEquals(1000L, MemoryLimit.parseBytes("1k"));
        assertEquals(1024L, MemoryLimit.parseBytes("1KB"));
        assertEquals(100L * 1024 * 1024, MemoryLimit.parseBytes("100mb"));
        assertEquals(1_000_000L, MemoryLimit.parseBytes("1m"));
        assertEquals(1L << 30, MemoryLimit.parseBytes("1gb"));
        assertEquals(2_000_000_000L, MemoryLimit.parseBytes("2G"));
        assertNull(MemoryLimit.parseBytes("-1"));
        assertNull(MemoryLimit.parseBytes("1.5mb"));
        assertNull(MemoryLimit.parseBytes("foo"));
        assertNull(MemoryLimit.parseBytes("mb"));
        assertNull(MemoryLimit.parseBytes("99999999999999999999"));
    }

    @Test
    void humanFormLikeRedis() {
        assertEquals("0B", MemoryLimit.human(0));
        assertEquals("1023B", MemoryLimit.human(1023));
        assertEquals("1.00K", MemoryLimit.human(1024));
        assertEquals("1.50M", MemoryLimit.human(1572864));
        assertEquals("1.00G", MemoryLimit.human(1L << 30));
    }

    @Test
    void policiesByRedisName() {
        assertEquals(EvictionPolicy.ALLKEYS_LRU, EvictionPolicy.parse("ALLKEYS-LRU"));
        assertEquals("volatile-ttl", EvictionPolicy.VOLATILE_TTL.redisName());
        assertNull(EvictionPolicy.parse("allkeys-lfu"));
    }

    @Test
    void bytesToFreeLeavesOnePercentHeadroom() {
        long[] used = {0};
        MemoryLimit limit = new MemoryLimit(10_000, EvictionPolicy.ALLKEYS_LRU, () -> used[0]);
        used[0] = 9_000;
        assertEquals(0, limit.bytesToFree());
        used[0] = 10_500;
        assertEquals(10_500 - 9_900, limit.bytesToFree());
        limit.setMaxBytes(0);
        assertEquals(0, limit.bytesToFree());
    }
}
