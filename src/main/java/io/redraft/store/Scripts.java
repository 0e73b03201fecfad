package io.redraft.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated script cache: script bodies by lowercase SHA1 hex, filled by EVAL and SCRIPT
 * LOAD through the log, so EVALSHA finds the same scripts on every node and after restarts.
 * Sorted, so snapshots write it in a deterministic order. FLUSHALL leaves it alone, as in Redis.
 */
public final class Scripts {
    private final TreeMap<String, byte[]> bodies = new TreeMap<>();

    public byte[] get(String sha) {
        return bodies.get(sha);
    }

    public boolean contains(String sha) {
        return bodies.containsKey(sha);
    }

    public void put(String sha, byte[] body) {
        bodies.putIfAbsent(sha, body);
    }

    public void clear() {
        bodies.clear();
    }

    public int size() {
        return bodies.size();
    }

    public Map<String, byte[]> entries() {
        return Collections.unmodifiableMap(bodies);
    }
}
