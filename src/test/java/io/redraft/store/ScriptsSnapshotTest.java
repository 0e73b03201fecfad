package io.redraft.store;

import static io.redraft.store.StoreSnapshotTest.b;
import static io.redraft.store.StoreSnapshotTest.load;
import static io.redraft.store.StoreSnapshotTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The script cache is part of the snapshot (format version 2); version 1 files still load. */
class ScriptsSnapshotTest {

    @Test
    void scriptsRoundTripInShaOrder() throws IOException {
        Store a = new Store();
        Store b = new Store();
        a.scripts().put("bbbb", b("return 2"));
        a.scripts().put("aaaa", b("return 1"));
        b.scripts().put("aaaa", b("return 1"));
        b.scripts().put("bbbb", b("return 2"));
        a.db(0).put(Key.of("k"), b("v"), Entry.NO_EXPIRY);
        b.db(0).put(Key.of("k"), b("v"), Entry.NO_EXPIRY);
        assertArrayEquals(snapshot(a), snapshot(b));
        Store loaded = load(snapshot(a));
        assertEquals("return 1", new String(loaded.scripts().get("aaaa")));
        assertEquals(2, loaded.scripts().size());
        assertArrayEquals(snapshot(a), snapshot(loaded));
    }

    @Test
    void loadingReplacesTheCacheAndFlushallKeepsIt() throws IOException {
        Store target = new Store();
        target.scripts().put("old", b("return 0"));
        Store source = new Store();
        source.scripts().put("new", b("return 1"));
        StoreSnapshot.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot(source))), target);
        assertNull(target.scripts().get("old"));
        target.clear();
        assertEquals(1, target.scripts().size());
    }

    @Test
    void versionOneSnapshotsStillLoad() throws IOException {
        Store store = new Store();
        store.db(2).put(Key.of("k"), b("v"), Entry.NO_EXPIRY);
        byte[] v3 = snapshot(store);
        // version 1 = the same bytes without the script count and users, version field 1, CRC32 recomputed
        byte[] body = Arrays.copyOf(v3, v3.length - 8 - StoreSnapshotTest.FRESH_ACL_BYTES - 4);
        ByteBuffer.wrap(body).putInt(8, 1);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] v1 = ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array();
        Store loaded = load(v1);
        assertEquals("v", new String((byte[]) loaded.db(2).get(Key.of("k"), 0).value()));
        assertEquals(0, loaded.scripts().size());
    }
}
