package io.redraft.command;

import io.redraft.store.Key;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's watched keys, per database. Only the connection holds them: the log sees them
 * when EXEC ships them with its block, so replicas keep no per-client state.
 */
public final class Watches {
    private record Slot(int db, Key key) {}

    private final Map<Slot, WatchedKey> keys = new LinkedHashMap<>();

    /** Watching a key twice keeps the first watch, as Redis's watchForKey does. */
    void add(WatchedKey watched) {
        keys.putIfAbsent(new Slot(watched.db(), new Key(watched.key())), watched);
    }

    public void clear() {
        keys.clear();
    }

    public int size() {
        return keys.size();
    }

    /** The watches, which are dropped: EXEC (run or aborted) ends them, as in Redis. */
    List<WatchedKey> takeAll() {
        List<WatchedKey> all = new ArrayList<>(keys.values());
        keys.clear();
        return all;
    }
}
