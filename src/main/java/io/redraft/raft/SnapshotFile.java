package io.redraft.raft;

import io.redraft.store.Store;
import io.redraft.store.StoreSnapshot;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A group's state on disk: header, the state machine's clock, member Redis addresses, the store,
 * (since version 2) the store's {@link io.redraft.store.ModifiedKeys} table for WATCH, and a
 * CRC32C trailer so a torn or corrupted file is refused instead of silently loaded.
 */
final class SnapshotFile {
    private static final long MAGIC = 0x5244524654534e50L; // "RDRFTSNP"
    private static final int VERSION = 2;
    /** Version 1 had no modified-keys table; it still loads (see ModifiedKeys#loadedWithoutTable). */
    private static final int VERSION_WITHOUT_WATCH_TABLE = 1;

    /** What a snapshot holds besides the store. */
    record Meta(long clock, Map<String, String> nodeAddresses) {}

    private SnapshotFile() {}

    /**
     * Writes atomically: a temp file, fsync, then rename over {@code target} and fsync the
     * directory. A failed write (a full disk) removes the temp file and leaves {@code target}
     * absent or as it was; the loader never sees a partial file under a snapshot's name.
     */
    static void write(File target, Store store, Meta meta) throws IOException {
        write(target, capture(store, meta));
    }

    /** A snapshot's content taken from the live store, to be written without holding it up. */
    record Capture(Meta meta, StoreSnapshot.Capture store, byte[] modifications) {}

    /** Takes the store's content (under its read lock); the apply thread must not run meanwhile. */
    static Capture capture(Store store, Meta meta) {
        store.lock().readLock().lock();
        try {
            ByteArrayOutputStream modifications = new ByteArrayOutputStream();
            store.modifications().write(new DataOutputStream(modifications));
            return new Capture(meta, StoreSnapshot.capture(store), modifications.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        } finally {
            store.lock().readLock().unlock();
        }
    }

    /** As {@link #write(File, Store, Meta)}, for a capture: the store may have moved on since. */
    static void write(File target, Capture capture) throws IOException {
        File tmp = new File(target.getParentFile(), target.getName() + ".tmp");
        try {
            writeContent(tmp, capture);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp.toPath());
            throw e;
        }
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(target.getParentFile().toPath(), StandardOpenOption.READ)) {
            dir.force(true); // the rename itself survives a power loss
        } catch (IOException notSupported) {
            // some platforms cannot open or sync a directory; the file itself is synced
        }
    }

    private static void writeContent(File tmp, Capture capture) throws IOException {
        Meta meta = capture.meta();
        try (FileOutputStream fos = new FileOutputStream(tmp)) {
            CRC32C crc = new CRC32C();
            // checksum below the buffer: one CRC update per 64 KB, not one per field
            DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(new CheckedOutputStream(fos, crc), 1 << 16));
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(meta.clock());
            out.writeInt(meta.nodeAddresses().size());
            for (Map.Entry<String, String> e : meta.nodeAddresses().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            capture.store().write(out);
            out.write(capture.modifications());
            out.flush();
            long checksum = crc.getValue();
            out.writeLong(checksum);
            out.flush();
            fos.getChannel().force(true);
        }
    }

    /** Loads {@code file} into {@code store} (which must be empty); throws if the file is damaged. */
    static Meta read(File file, Store store) throws IOException {
        try (FileInputStream fis = new FileInputStream(file)) {
            long length = fis.getChannel().size();
            if (length < 8 + 4 + 8) {
                throw new EOFException("shorter than a header");
            }
            // The body (everything before the 8-byte trailer) is checksummed below the buffer, in
            // 64 KB blocks: the buffer's read-ahead cannot reach the trailer, and no per-field
            // read pays a CRC call.
            CRC32C crc = new CRC32C();
            InputStream body = new CheckedInputStream(new BoundedInputStream(fis, length - 8), crc);
            DataInputStream in = new DataInputStream(new BufferedInputStream(body, 1 << 16));
            if (in.readLong() != MAGIC) {
                throw new IOException("snapshot " + file + " is not a Redraft snapshot");
            }
            int version = in.readInt();
            if (version != VERSION && version != VERSION_WITHOUT_WATCH_TABLE) {
                throw new IOException("snapshot " + file + " has unsupported version " + version);
            }
            long clock = in.readLong();
            int nodes = in.readInt();
            Map<String, String> addresses = new TreeMap<>();
            for (int i = 0; i < nodes; i++) {
                addresses.put(in.readUTF(), in.readUTF());
            }
            StoreSnapshot.read(in, store, clock);
            if (version == VERSION_WITHOUT_WATCH_TABLE) {
                store.modifications().loadedWithoutTable();
            } else {
                store.modifications().read(in);
            }
            if (in.read() != -1) {
                throw new IOException("snapshot " + file + " has trailing bytes");
            }
            long expected = crc.getValue();
            long stored = new DataInputStream(fis).readLong();
            if (stored != expected) {
                throw new IOException("snapshot " + file + " is corrupt (checksum mismatch)");
            }
            return new Meta(clock, addresses);
        } catch (EOFException e) {
            throw new IOException("snapshot " + file + " is truncated", e);
        }
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
