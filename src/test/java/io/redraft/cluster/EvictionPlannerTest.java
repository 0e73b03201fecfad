package io.redraft.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.EvictionPolicy;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvictionPlannerTest {
    private final Store store = new Store();

    private void put(int db, String key, long writtenAt, long expireAt) {
        store.db(db).put(Key.of(key), "x".repeat(100).getBytes(StandardCharsets.UTF_8), expireAt);
        store.settle(writtenAt);
    }

    private static List<String> names(List<Map.Entry<Integer, byte[]>> plan) {
        return plan.stream().map(e -> e.getKey() + ":" + new String(e.getValue(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void lruEvictsTheLeastRecentlyUsedFirstUntilEnoughIsFreed() {
        put(0, "old", 100, Entry.NO_EXPIRY);
        put(1, "older", 50, Entry.NO_EXPIRY);
        put(0, "new", 300, Entry.NO_EXPIRY);
        put(0, "mid", 200, Entry.NO_EXPIRY);
        store.db(0).get(Key.of("old"), 400); // a read makes it recent
        long oldest = store.db(1).entries().get(Key.of("older")).sizeEstimate();
        assertEquals(List.of("1:older"), names(EvictionPlanner.plan(store, EvictionPolicy.ALLKEYS_LRU, 1,
                new SplittableRandom(1))));
        assertEquals(List.of("1:older", "0:mid"), names(EvictionPlanner.plan(store, EvictionPolicy.ALLKEYS_LRU,
                oldest + 1, new SplittableRandom(1))));
    }

    @Test
    void volatilePoliciesOnlyConsiderKeysWithATtl() {
        put(0, "persistent", 1, Entry.NO_EXPIRY);
        put(0, "late", 2, 9_000);
        put(0, "soon", 3, 5_000);
        assertEquals(List.of("0:late"), names(EvictionPlanner.plan(store, EvictionPolicy.VOLATILE_LRU, 1,
                new SplittableRandom(1))));
        assertEquals(List.of("0:soon"), names(EvictionPlanner.plan(store, EvictionPolicy.VOLATILE_TTL, 1,
                new SplittableRandom(1))));
        List<String> random = names(EvictionPlanner.plan(store, EvictionPolicy.VOLATILE_RANDOM, 1_000_000,
                new SplittableRandom(1)));
        assertEquals(2, random.size());
        assertTrue(!random.contains("0:persistent"));
        assertEquals(3, EvictionPlanner.plan(store, EvictionPolicy.ALLKEYS_RANDOM, 1_000_000,
                new SplittableRandom(1)).size());
    }

    @Test
    void nothingToEvict() {
        put(0, "persistent", 1, Entry.NO_EXPIRY);
        assertTrue(EvictionPlanner.plan(store, EvictionPolicy.VOLATILE_LRU, 100, new SplittableRandom(1)).isEmpty());
        assertTrue(EvictionPlanner.plan(store, EvictionPolicy.NOEVICTION, 100, new SplittableRandom(1)).isEmpty());
    }
}
