package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Read lookups count hits and misses; writes keep the size estimate and the LRU stamp current. */
class KeyspaceStatsTest {
    @Test
    void readLookupsCountHitsAndMissesAndStampAccess() {
        Keyspace db = new Keyspace();
        db.put(Key.of("a"), new byte[10], 150);
        db.settle(100);
        Entry e = db.get(Key.of("a"), 120);
        assertEquals(120, e.accessedAt());
        db.get(Key.of("missing"), 120);
        db.get(Key.of("a"), 200); // expired: a miss
        assertEquals(1, db.hits());
        assertEquals(2, db.misses());
    }

    @Test
    void sizesFollowPutsRemovesAndExpiry() {
        Keyspace db = new Keyspace();
        db.put(Key.of("a"), new byte[100], Entry.NO_EXPIRY);
        db.put(Key.of("b"), new byte[50], 10);
        assertEquals(0, db.usedBytes()); // estimated at settle time
        db.settle(1);
        long a = MemoryEstimate.of(Key.of("a"), db.entries().get(Key.of("a")), 5);
        long b = MemoryEstimate.of(Key.of("b"), db.entries().get(Key.of("b")), 5);
        assertEquals(a + b, db.usedBytes());
        assertTrue(a > 100);
        assertEquals(1, db.removeExpired(10));
        assertEquals(a, db.usedBytes());
        db.put(Key.of("a"), new byte[1], Entry.NO_EXPIRY); // overwrite
        db.settle(2);
        assertEquals(a - 99, db.usedBytes());
        db.remove(Key.of("a"));
        assertEquals(0, db.usedBytes());
    }
}
