package io.redraft.cluster;

import io.redraft.command.EvictionPolicy;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.Store;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Chooses which keys to evict to free a number of bytes under a policy, on the leader, from its
 * store (call with the store's read lock held). LRU ranks keys by their access clock (last write
 * at log time, or last read served by this node); TTL by nearest expiry; RANDOM uses the
 * leader's random source. The choice is then replicated as data, so it need not be reproducible.
 * Every key is considered (exact rather than Redis's sampling); the scan runs only while memory
 * is over the limit, and each round frees 1% headroom so rounds are rare.
 */
public final class EvictionPlanner {
    /** Keys per EVICT entry at most; a larger need takes several rounds. */
    static final int MAX_KEYS_PER_ROUND = 10_000;

    private record Candidate(int db, Key key, long rank, long size) {}

    private EvictionPlanner() {
    }

    public static List<Map.Entry<Integer, byte[]>> plan(Store store, EvictionPolicy policy, long bytesToFree,
                                                        RandomGenerator random) {
        List<Map.Entry<Integer, byte[]>> chosen = new ArrayList<>();
        if (policy == EvictionPolicy.NOEVICTION || bytesToFree <= 0) {
            return chosen;
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int db = 0; db < Store.DATABASES; db++) {
            Keyspace ks = store.db(db);
            if (ks.size() == 0 || (policy.volatileOnly() && ks.volatileCount() == 0)) {
                continue;
            }
            for (Map.Entry<Key, Entry> me : ks.entries().entrySet()) {
                Entry e = me.getValue();
                if (policy.volatileOnly() && !e.hasExpiry()) {
                    continue;
                }
                long rank = switch (policy) {
                    case ALLKEYS_LRU, VOLATILE_LRU -> e.accessedAt();
                    case VOLATILE_TTL -> e.expireAt();
                    default -> 0;
                };
                candidates.add(new Candidate(db, me.getKey(), rank, e.sizeEstimate()));
            }
        }
        if (policy == EvictionPolicy.ALLKEYS_RANDOM || policy == EvictionPolicy.VOLATILE_RANDOM) {
            Collections.shuffle(candidates, new java.util.Random(random.nextLong()));
        } else {
            candidates.sort(Comparator.comparingLong(Candidate::rank));
        }
        long freed = 0;
        for (Candidate c : candidates) {
            if (freed >= bytesToFree || chosen.size() >= MAX_KEYS_PER_ROUND) {
                break;
            }
            chosen.add(new AbstractMap.SimpleImmutableEntry<>(c.db(), c.key().bytes()));
            freed += c.size();
        }
        return chosen;
    }
}
