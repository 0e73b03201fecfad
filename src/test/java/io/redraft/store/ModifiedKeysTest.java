package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ModifiedKeysTest {
    final ModifiedKeys table = new ModifiedKeys(3);
    final Store store = new Store(table);

    void set(long position, int db, String key) {
        table.begin(position);
        store.db(db).put(Key.of(key), "v".getBytes(), Entry.NO_EXPIRY);
        table.settle();
    }

    @Test
    void changesAfterTheWatchPointCountPerDatabase() {
        set(5, 0, "a");
        assertFalse(table.changedSince(0, Key.of("a"), 5, false));
        assertTrue(table.changedSince(0, Key.of("a"), 4, false));
        assertFalse(table.changedSince(1, Key.of("a"), 4, false));
        assertFalse(table.changedSince(0, Key.of("b"), 0, false));
    }

    @Test
    void evictionForgetsTheLeastRecentKeyAndRaisesTheWatermark() {
        set(1, 0, "a");
        set(2, 0, "b");
        set(3, 0, "c");
        set(4, 0, "a"); // a is now the most recent
        set(5, 0, "d"); // evicts b
        assertEquals(3, table.size());
        assertEquals(2, table.watermark());
        assertTrue(table.changedSince(0, Key.of("zz"), 1, false), "older than the watermark: unknown, so changed");
        assertFalse(table.changedSince(0, Key.of("zz"), 2, false));
        assertFalse(table.changedSince(0, Key.of("c"), 3, false));
    }

    @Test
    void inPlaceChangesAreSeenThroughTheValueVersion() {
        table.begin(1);
        SetValue set = new SetValue();
        set.add("m".getBytes());
        store.db(0).put(Key.of("s"), set, Entry.NO_EXPIRY);
        table.begin(2);
        ((SetValue) store.db(0).getForWrite(Key.of("s"), 0).value()).add("m".getBytes()); // already there
        table.settle();
        assertFalse(table.changedSince(0, Key.of("s"), 1, false));
        table.begin(3);
        ((SetValue) store.db(0).getForWrite(Key.of("s"), 0).value()).add("n".getBytes());
        table.settle();
        assertTrue(table.changedSince(0, Key.of("s"), 2, false));
    }

    @Test
    void deletingAnAlreadyExpiredKeyIsNoChangeForAWatchTakenWhenItWasExpired() {
        table.begin(1);
        store.db(0).put(Key.of("k"), "v".getBytes(), 100);
        table.begin(2);
        assertEquals(1, store.db(0).removeExpired(100));
        assertFalse(table.changedSince(0, Key.of("k"), 1, true));
        assertTrue(table.changedSince(0, Key.of("k"), 1, false));
    }

    @Test
    void flushRecordsLiveKeysAsChangedAndExpiredOnesAsExpiredDeletions() {
        table.begin(1);
        store.db(0).put(Key.of("live"), "v".getBytes(), Entry.NO_EXPIRY);
        store.db(0).put(Key.of("gone"), "v".getBytes(), 50);
        table.begin(2);
        store.db(0).flush(100);
        assertTrue(table.changedSince(0, Key.of("live"), 1, false));
        assertFalse(table.changedSince(0, Key.of("gone"), 1, true));
        assertTrue(table.changedSince(0, Key.of("gone"), 1, false));
    }

    @Test
    void snapshotRoundTripAndTheOlderFormat() throws IOException {
        set(1, 0, "a");
        set(2, 3, "b");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.write(new DataOutputStream(bytes));

        ModifiedKeys copy = new ModifiedKeys(3);
        copy.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        copy.restoredAt(7);
        assertEquals(7, copy.position());
        assertTrue(copy.changedSince(3, Key.of("b"), 1, false));
        assertFalse(copy.changedSince(0, Key.of("a"), 1, false));

        ModifiedKeys old = new ModifiedKeys(3);
        old.loadedWithoutTable();
        old.restoredAt(7);
        assertEquals(7, old.watermark());
        assertTrue(old.changedSince(0, Key.of("a"), 6, false), "history before the snapshot is unknown");
        assertFalse(old.changedSince(0, Key.of("a"), 7, false));
    }
}
