package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keys a client can choose to collide under Arrays.hashCode ("Aa" and "BB" hash alike, so every
 * string of such blocks does) must spread over the key table under the seeded hash.
 */
class KeyHashFloodingTest {
    private static final int BLOCKS = 14;
    private static final int KEYS = 1 << BLOCKS;

    private static Key[] collidingKeys() {
        Key[] keys = new Key[KEYS];
        for (int i = 0; i < KEYS; i++) {
            StringBuilder s = new StringBuilder(2 * BLOCKS);
            for (int b = 0; b < BLOCKS; b++) {
                s.append((i >>> b & 1) == 0 ? "Aa" : "BB");
            }
            keys[i] = Key.of(s.toString());
        }
        return keys;
    }

    @Test
    void keysCollidingUnderArraysHashCodeGetDistinctHashes() {
        Key[] keys = collidingKeys();
        int fixed = Arrays.hashCode(keys[0].bytes());
        Set<Integer> hashes = new HashSet<>();
        for (Key k : keys) {
            assertEquals(fixed, Arrays.hashCode(k.bytes())); // the attack's premise
            hashes.add(k.hashCode());
        }
        // 2^14 random 32-bit hashes collide ~1/32 times on average
        assertTrue(hashes.size() >= KEYS - 4, hashes.size() + " distinct hashes of " + KEYS);
    }

    @Test
    void theKeyTableKeepsShortChainsUnderThoseKeys() {
        Key[] keys = collidingKeys();
        EntryTable table = new EntryTable();
        Entry[] entries = new Entry[KEYS];
        for (int i = 0; i < KEYS; i++) {
            entries[i] = new Entry(new byte[] {(byte) i}, Entry.NO_EXPIRY);
            table.put(keys[i], entries[i]);
        }
        assertEquals(KEYS, table.size());
        // 2^14 keys in 2^15 slots: a random hash's longest chain is ~7; one shared hash makes it 2^14
        assertTrue(table.longestChain() <= 16, "longest chain " + table.longestChain());
        for (int i = 0; i < KEYS; i++) {
            Key lookup = new Key(keys[i].toString().getBytes(StandardCharsets.UTF_8));
            assertSame(entries[i], table.get(lookup));
        }
    }

    @Test
    void equalBytesHashAlikeInOneProcess() {
        assertEquals(Key.of("user:1000").hashCode(), new Key("user:1000".getBytes(StandardCharsets.UTF_8)).hashCode());
        assertEquals(Key.of("user:1000"), Key.of("user:1000"));
    }
}
