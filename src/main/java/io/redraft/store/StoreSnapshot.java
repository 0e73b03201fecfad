package io.redraft.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** Writes the whole store. Takes the store's read lock while writing. */
    public static void write(Store store, DataOutputStream out) throws IOException {
        store.lock().readLock().lock();
        try {
            CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            data.write(MAGIC);
            data.writeInt(VERSION);
            data.writeInt(Store.DATABASES);
            for (int db = 0; db < Store.DATABASES; db++) {
                writeDb(store.db(db), data);
            }
            writeScripts(store.scripts(), data);
            writeAcl(store.acl(), data);
            data.flush();
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        } finally {
            store.lock().readLock().unlock();
        }
    }

    private static void writeDb(Keyspace db, DataOutputStream out) throws IOException {
        Entry[] sorted = db.sortedEntries();
        out.writeLong(sorted.length);
        for (Entry e : sorted) {
            ValueCodec codec = ValueTypes.of(e.value());
            ValueTypes.writeBytes(e.key.bytes(), out);
            out.writeByte(codec.tag());
            codec.write(e.value(), out);
            out.writeLong(e.expireAt());
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
