package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Store;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
    @TempDir
    Path dir;

    private File written() throws IOException {
        Store store = new Store();
        for (int i = 0; i < 20_000; i++) { // several read buffers' worth
            store.db(i % 3).put(Key.of("key:" + i), ("value-" + i).getBytes(), i % 7 == 0 ? 5_000 + i : Entry.NO_EXPIRY);
        }
        File file = dir.resolve("snap").toFile();
        SnapshotFile.write(file, store, new SnapshotFile.Meta(1234, Map.of("n1", "127.0.0.1:7001")));
        return file;
    }

    @Test
    void roundTripsStoreClockAndAddresses() throws IOException {
        File file = written();
        Store loaded = new Store();
        SnapshotFile.Meta meta = SnapshotFile.read(file, loaded);
        assertEquals(1234, meta.clock());
        assertEquals(Map.of("n1", "127.0.0.1:7001"), meta.nodeAddresses());
        assertEquals(6667, loaded.db(0).size());
        assertArrayEquals("value-19998".getBytes(), (byte[]) loaded.db(0).get(Key.of("key:19998"), 0).value());
        assertEquals(5_000 + 7, loaded.db(1).entries().get(Key.of("key:7")).expireAt());
        // loading leaves the store settled: sizes known, keys stamped with the snapshot's clock
        assertEquals(1234, loaded.db(1).entries().get(Key.of("key:1")).accessedAt());
        long estimated = 0;
        for (int db = 0; db < 3; db++) {
            estimated += loaded.db(db).usedBytes();
        }
        assertEquals(true, estimated > 20_000L * 100);
    }

    @Test
    void refusesFlippedTruncatedAndExtendedFiles() throws IOException {
        File file = written();
        byte[] good = Files.readAllBytes(file.toPath());
        for (int at : new int[] {30, good.length / 2, good.length - 12, good.length - 3}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Files.write(file.toPath(), bad);
            assertThrows(IOException.class, () -> SnapshotFile.read(file, new Store()), "flip at " + at);
        }
        for (int len : new int[] {0, 10, good.length / 2, good.length - 1}) {
            Files.write(file.toPath(), Arrays.copyOf(good, len));
            assertThrows(IOException.class, () -> SnapshotFile.read(file, new Store()), "length " + len);
        }
        Files.write(file.toPath(), Arrays.copyOf(good, good.length + 1));
        assertThrows(IOException.class, () -> SnapshotFile.read(file, new Store()));
    }
}
