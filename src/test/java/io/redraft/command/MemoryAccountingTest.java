package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.MemoryEstimate;
import io.redraft.store.Store;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's incremental used-memory figure equals a fresh estimate of every key after any command mix. */
class MemoryAccountingTest {
    private final InMemoryPath path = new InMemoryPath();

    private void write(int db, String... args) {
        path.write(db, Replies.argv(args)).toCompletableFuture().join();
    }

    private long recomputed() {
        Store store = path.store;
        long total = 0;
        for (int db = 0; db < Store.DATABASES; db++) {
            for (Map.Entry<Key, Entry> e : store.db(db).entries().entrySet()) {
                total += MemoryEstimate.of(e.getKey(), e.getValue(), MemoryEstimate.DEFAULT_SAMPLES);
            }
        }
        return total;
    }

    @Test
    void incrementalEstimateMatchesRecomputation() {
        write(0, "SET", "s", "hello");
        write(0, "APPEND", "s", "x".repeat(500));
        for (int i = 0; i < 50; i++) {
            write(0, "HSET", "h", "f" + i, "v".repeat(i));
            write(0, "RPUSH", "l", "e" + i);
            write(0, "SADD", "set", "m" + i);
            write(0, "ZADD", "z", Integer.toString(i), "zm" + i);
        }
        assertEquals(recomputed(), path.store.usedBytes());
        long before = path.store.usedBytes();
        write(0, "HDEL", "h", "f1", "f2");
        write(0, "LPOP", "l", "10");
        write(0, "RENAME", "set", "set2");
        write(0, "MOVE", "z", "3");
        write(0, "SETRANGE", "s", "2000", "y");
        write(0, "SET", "tmp", "1", "PX", "1");
        path.transaction(0, java.util.List.of(Replies.argv("SET", "a", "1"), Replies.argv("INCR", "a")))
                .toCompletableFuture().join();
        assertEquals(recomputed(), path.store.usedBytes());
        assertTrue(path.store.usedBytes() > before - 5000);
        path.now += 10;
        write(0, "GET", "tmp"); // not a write: refused by the log path, changes nothing
        write(0, "DEL", "s", "l", "h");
        assertEquals(recomputed(), path.store.usedBytes());
        write(0, "FLUSHALL");
        assertEquals(0, path.store.usedBytes());
    }
}
