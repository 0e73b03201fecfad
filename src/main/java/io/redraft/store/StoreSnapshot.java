package io.redraft.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The store's binary snapshot format. Deterministic: keys are written in unsigned byte order
 * and values through their {@link ValueCodec}, so replicas with equal state write identical bytes.
 *
 * <pre>
 * magic "RDRFTSNP" (8 bytes), version int
 * database count int
 * per database: key count long, then per key in sorted order:
 *     key (int length, bytes), type tag byte, value (codec-specific), expireAt long (-1 = none)
 * (version 2) script count int, then per script in SHA order: sha (UTF), body (int length, bytes)
 * (version 3) ACL: default user configured (boolean), user count int, then per user in name order:
 *     name (int length, UTF-8 bytes), rules (int length, UTF-8 bytes)
 * CRC32 of everything above, long
 * </pre>
 * Versions 1 (no scripts) and 2 (no ACL users: the table starts as a fresh server's) still load.
 *
 * Expired keys that have not been removed yet are written as they are (they are part of the
 * replicated state until {@link Keyspace#removeExpired} or a write removes them).
 */
public final class StoreSnapshot {
    static final byte[] MAGIC = {'R', 'D', 'R', 'F', 'T', 'S', 'N', 'P'};
    public static final int VERSION = 3;

    private StoreSnapshot() {
    }

    /** Writes the whole store: a {@link #capture} of it (under its read lock), then that capture. */
    public static void write(Store store, DataOutputStream out) throws IOException {
        capture(store).write(out);
    }

    /**
     * Everything a snapshot of {@code store} holds, taken under the store's read lock and
     * independent of the store afterwards, so the slow part (sorting the keys, writing them out)
     * runs while the store takes further writes. Strings are shared: a write replaces a string's
     * array and never changes it (ModifiedKeys relies on that too). Every other value is
     * serialized here, because commands change collections in place.
     */
    public static Capture capture(Store store) {
        store.lock().readLock().lock();
        try {
            Item[][] dbs = new Item[Store.DATABASES][];
            for (int db = 0; db < Store.DATABASES; db++) {
                dbs[db] = captureDb(store.db(db));
            }
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(rest);
            writeScripts(store.scripts(), out);
            writeAcl(store.acl(), out);
            return new Capture(dbs, rest.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        } finally {
            store.lock().readLock().unlock();
        }
    }

    private static Item[] captureDb(Keyspace db) throws IOException {
        Entry[] entries = db.allEntries();
        Item[] items = new Item[entries.length];
        for (int i = 0; i < entries.length; i++) {
            Entry e = entries[i];
            Object value = e.value();
            if (!(value instanceof byte[])) {
                ValueCodec codec = ValueTypes.of(value);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                codec.write(value, new DataOutputStream(bytes));
                value = new Serialized(codec, bytes.toByteArray());
            }
            items[i] = new Item(e.key, value, e.expireAt());
        }
        return items;
    }

    /** One key as captured: its string value, or another type's value already serialized. */
    private record Item(Key key, Object value, long expireAt) {}

    private record Serialized(ValueCodec codec, byte[] bytes) {}

    /** A store's content as {@link #capture} took it; {@link #write} needs no lock. */
    public static final class Capture {
        private final Item[][] dbs;
        /** Scripts and ACL users, already in their snapshot form. */
        private final byte[] rest;

        private Capture(Item[][] dbs, byte[] rest) {
            this.dbs = dbs;
            this.rest = rest;
        }

        /** Writes the snapshot: keys in unsigned byte order, so equal states give equal bytes. */
        public void write(DataOutputStream out) throws IOException {
            CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            data.write(MAGIC);
            data.writeInt(VERSION);
            data.writeInt(Store.DATABASES);
            for (Item[] items : dbs) {
                Arrays.sort(items, (a, b) -> a.key().compareTo(b.key()));
                data.writeLong(items.length);
                for (Item item : items) {
                    ValueTypes.writeBytes(item.key().bytes(), data);
                    if (item.value() instanceof Serialized s) {
                        data.writeByte(s.codec().tag());
                        data.write(s.bytes());
                    } else {
                        data.writeByte(ValueTypes.STRING.tag());
                        ValueTypes.STRING.write(item.value(), data);
                    }
                    data.writeLong(item.expireAt());
                }
            }
            data.write(rest);
            data.flush();
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        }
    }

    private static void writeScripts(Scripts scripts, DataOutputStream out) throws IOException {
        out.writeInt(scripts.size());
        for (Map.Entry<String, byte[]> e : scripts.entries().entrySet()) {
            out.writeUTF(e.getKey());
            ValueTypes.writeBytes(e.getValue(), out);
        }
    }

    private static void writeAcl(AclTable acl, DataOutputStream out) throws IOException {
        out.writeBoolean(acl.defaultConfigured());
        Map<String, String> users = acl.users();
        out.writeInt(users.size());
        for (Map.Entry<String, String> e : users.entrySet()) {
            ValueTypes.writeBytes(e.getKey().getBytes(StandardCharsets.UTF_8), out);
            ValueTypes.writeBytes(e.getValue().getBytes(StandardCharsets.UTF_8), out);
        }
    }

    private static void readAcl(DataInputStream in, AclTable into) throws IOException {
        boolean configured = in.readBoolean();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("corrupt snapshot: negative user count");
        }
        Map<String, String> users = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = new String(ValueTypes.readBytes(in), StandardCharsets.UTF_8);
            users.put(name, new String(ValueTypes.readBytes(in), StandardCharsets.UTF_8));
        }
        into.load(users, configured);
    }

    /**
     * Replaces the contents of {@code into} with the snapshot read from {@code in}. Takes the
     * store's write lock. On a malformed snapshot throws IOException and leaves {@code into} empty.
     */
    public static void read(DataInputStream in, Store into) throws IOException {
        read(in, into, 0);
    }

    /**
     * As {@link #read(DataInputStream, Store)}, stamping every loaded key as last accessed at
     * {@code loadedAt} (the snapshot's clock). Keys are stored without being recorded as modified
     * (see {@link Keyspace#load}).
     */
    public static void read(DataInputStream in, Store into, long loadedAt) throws IOException {
        into.lock().writeLock().lock();
        try {
            into.clear();
            into.scripts().clear();
            // the users are replaced in one step at the end: connections are judged on the loaded table only
            try {
                readInto(in, into, loadedAt);
            } catch (IOException | RuntimeException e) {
                into.clear();
                into.scripts().clear();
                into.acl().reset();
                throw e;
            }
        } finally {
            into.lock().writeLock().unlock();
        }
    }

    private static void readInto(DataInputStream in, Store into, long loadedAt) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(in, new CRC32());
        DataInputStream data = new DataInputStream(checked);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Redraft snapshot (bad magic)");
        }
        int version = data.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("unsupported snapshot version " + version + " (this build reads " + VERSION + ")");
        }
        int databases = data.readInt();
        if (databases != Store.DATABASES) {
            throw new IOException("snapshot has " + databases + " databases, expected " + Store.DATABASES);
        }
        for (int db = 0; db < databases; db++) {
            Keyspace keyspace = into.db(db);
            long count = data.readLong();
            if (count < 0) {
                throw new IOException("corrupt snapshot: negative key count");
            }
            for (long i = 0; i < count; i++) {
                Key key = new Key(ValueTypes.readBytes(data));
                int tag = data.readUnsignedByte();
                ValueCodec codec = ValueTypes.forTag(tag);
                if (codec == null) {
                    throw new IOException("corrupt snapshot: unknown type tag " + tag);
                }
                Object value = codec.read(data);
                long expireAt = data.readLong();
                keyspace.load(key, value, expireAt, loadedAt);
            }
        }
        if (version >= 2) {
            int scripts = data.readInt();
            if (scripts < 0) {
                throw new IOException("corrupt snapshot: negative script count");
            }
            for (int i = 0; i < scripts; i++) {
                String sha = data.readUTF();
                into.scripts().put(sha, ValueTypes.readBytes(data));
            }
        }
        if (version >= 3) {
            readAcl(data, into.acl());
        } else {
            into.acl().reset();
        }
        long expected = checked.getChecksum().getValue();
        long actual = in.readLong();
        if (expected != actual) {
            throw new IOException("corrupt snapshot: checksum mismatch");
        }
    }
}
