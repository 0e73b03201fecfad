package io.redraft.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For WATCH: the log position of each key's last modification, in Redis's signalModifiedKey
 * sense (a real change; deleting an expired key counts, separately, because a key that was
 * already expired when watched is not changed by its deletion).
 *
 * <p>Part of the replicated state: it changes only while log entries are applied, positions are
 * the entries' log indexes, and it is written into snapshots, so every replica (restored or not)
 * answers {@link #changedSince} alike. Its memory is bounded: beyond {@code capacity} keys the
 * least recently modified one is forgotten and the {@link #watermark} rises to its position;
 * anything watched before the watermark then counts as modified (a spurious EXEC abort, never a
 * missed one).
 */
public final class ModifiedKeys {
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private record Slot(int db, Key key) {}

    /** Positions of a key's last change and of the last deletion of it while expired; 0 = none. */
    private static final class Mark {
        long modified;
        long expiredDeleted;

        long latest() {
            return Math.max(modified, expiredDeleted);
        }
    }

    /** A live entry handed out for writing; compared after the command to see if it changed. */
    private record Pending(int db, Key key, Entry entry, Object value, long version, long expireAt) {}

    private final int capacity;
    /** Least recently modified first, so eviction order follows the log alone. */
    private final LinkedHashMap<Slot, Mark> marks = new LinkedHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private long position;
    private long watermark;

    public ModifiedKeys() {
        this(DEFAULT_CAPACITY);
    }

    public ModifiedKeys(int capacity) {
        this.capacity = capacity;
    }

    /** Called before applying the log entry at {@code position} (positions only grow). */
    public void begin(long position) {
        settle();
        this.position = Math.max(this.position, position);
    }

    /** The position of the last entry applied: a WATCH taken now sees every change up to it. */
    public long position() {
        return position;
    }

    /** Changes at or before this position may have been forgotten. */
    public long watermark() {
        return watermark;
    }

    public int size() {
        return marks.size();
    }

    int capacity() {
        return capacity;
    }

    /**
     * Whether {@code key} changed after {@code point}. When it was already expired at WATCH time
     * ({@code expiredAtWatch}), deleting it is no change, as in Redis's touchWatchedKey.
     */
    public boolean changedSince(int db, Key key, long point, boolean expiredAtWatch) {
        settle();
        if (point < watermark) {
            return true;
        }
        Mark m = marks.get(new Slot(db, key));
        if (m == null) {
            return false;
        }
        return m.modified > point || (!expiredAtWatch && m.expiredDeleted > point);
    }

    void modified(int db, Key key) {
        mark(db, key).modified = position;
    }

    void expiredDeleted(int db, Key key) {
        mark(db, key).expiredDeleted = position;
    }

    /** {@code entry} (live) was handed to a write; {@link #settle} sees whether it changed. */
    void writing(int db, Key key, Entry entry) {
        Object value = entry.value();
        pending.add(new Pending(db, key, entry, value, versionOf(value), entry.expireAt()));
    }

    /** Records the in-place changes of the entries handed out since the last call. */
    public void settle() {
        if (pending.isEmpty()) {
            return;
        }
        for (Pending p : pending) {
            Object value = p.entry().value();
            if (value != p.value() || versionOf(value) != p.version() || p.entry().expireAt() != p.expireAt()
                    || !(value instanceof byte[] || value instanceof Versioned)) {
                // (a value type that cannot say whether it changed counts as changed: a spurious
                // abort rather than a missed one)
                modified(p.db(), p.key());
            }
        }
        pending.clear();
    }

    /** Forgets every mark: everything up to the current position counts as modified. */
    void forgetAll() {
        marks.clear();
        watermark = Math.max(watermark, position);
    }

    /** Loading a snapshot written before this table existed: its history is unknown. */
    public void loadedWithoutTable() {
        pending.clear();
        marks.clear();
        watermark = Long.MAX_VALUE; // lowered to the snapshot's index by restoredAt
    }

    /**
     * After loading a snapshot taken at log index {@code index}: positions continue from there.
     * Without a table in the snapshot everything before {@code index} counts as modified; every
     * replica agrees on that, since no WATCH after a restart is older than a snapshot taken
     * before it.
     */
    public void restoredAt(long index) {
        pending.clear();
        position = index;
        watermark = Math.min(watermark, index);
    }

    private Mark mark(int db, Key key) {
        Slot slot = new Slot(db, key);
        Mark m = marks.remove(slot);
        if (m == null) {
            m = new Mark();
        }
        marks.put(slot, m);
        if (marks.size() > capacity) {
            Iterator<Mark> eldest = marks.values().iterator();
            watermark = Math.max(watermark, eldest.next().latest());
            eldest.remove();
        }
        return m;
    }

    static long versionOf(Object value) {
        return value instanceof Versioned v ? v.version() : 0;
    }

    /** {@code watermark, count, then per key (least recent first): db, key, modified, expiredDeleted}. */
    public void write(DataOutputStream out) throws IOException {
        settle();
        out.writeLong(watermark);
        out.writeInt(marks.size());
        for (Map.Entry<Slot, Mark> e : marks.entrySet()) {
            out.writeByte(e.getKey().db());
            byte[] key = e.getKey().key().bytes();
            out.writeInt(key.length);
            out.write(key);
            out.writeLong(e.getValue().modified);
            out.writeLong(e.getValue().expiredDeleted);
        }
    }

    /** Replaces the whole table with one written by {@link #write}. */
    public void read(DataInputStream in) throws IOException {
        pending.clear();
        marks.clear();
        watermark = in.readLong();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("bad modified-key count " + count);
        }
        for (int i = 0; i < count; i++) {
            int db = in.readUnsignedByte();
            byte[] key = new byte[in.readInt()];
            in.readFully(key);
            Mark m = new Mark();
            m.modified = in.readLong();
            m.expiredDeleted = in.readLong();
            marks.put(new Slot(db, new Key(key)), m);
        }
    }
}
