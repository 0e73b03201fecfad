package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSnapshotTest {

    static byte[] snapshot(Store store) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreSnapshot.write(store, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static Store load(byte[] snapshot) throws IOException {
        Store store = new Store();
        StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(snapshot)), store);
        return store;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Store sample() {
        Store store = new Store();
        store.db(0).put(Key.of("plain"), b("value"), Entry.NO_EXPIRY);
        store.db(0).put(Key.of("volatile"), b("v"), 1_800_000_000_000L);
        store.db(0).put(Key.of(""), b(""), Entry.NO_EXPIRY);
        store.db(0).put(new Key(new byte[] {(byte) 0xff, 0, 1}), new byte[] {0, (byte) 0x80, 10, 13}, 5L);
        store.db(7).put(Key.of("seven"), b("7"), Entry.NO_EXPIRY);
        store.db(15).put(Key.of("last"), new byte[70_000], 42L);
        return store;
    }

    /** What a node's snapshot writer relies on: the store keeps taking writes after the capture. */
    @Test
    void aCaptureHoldsTheStateItWasTakenInWhateverTheStoreDoesAfter() throws IOException {
        Store store = sample();
        ListValue list = new ListValue();
        list.addLast(b("a"));
        list.addLast(b("b"));
        store.db(0).put(Key.of("list"), list, Entry.NO_EXPIRY);
        HashValue hash = new HashValue();
        hash.put(b("f"), b("1"));
        store.db(3).put(Key.of("hash"), hash, 7_000L);
        byte[] before = snapshot(store);

        StoreSnapshot.Capture capture = StoreSnapshot.capture(store);
        list.addFirst(b("changed in place")); // collections change in place, strings are replaced
        hash.put(b("f"), b("2"));
        store.db(0).put(Key.of("plain"), b("overwritten"), Entry.NO_EXPIRY);
        store.db(0).put(Key.of("new"), b("x"), Entry.NO_EXPIRY);
        store.db(7).remove(Key.of("seven"));
        store.db(15).getForWrite(Key.of("last"), 0).setExpireAt(43L);
        assertTrue(!java.util.Arrays.equals(before, snapshot(store)), "the writes changed the store");

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        capture.write(new DataOutputStream(captured));
        assertArrayEquals(before, captured.toByteArray());
    }

    @Test
    void roundTripIsExact() throws IOException {
        Store original = sample();
        byte[] first = snapshot(original);
        Store copy = load(first);
        assertArrayEquals(first, snapshot(copy));
        for (int db = 0; db < Store.DATABASES; db++) {
            Map<Key, Entry> a = original.db(db).entries();
            Map<Key, Entry> c = copy.db(db).entries();
            assertEquals(a.keySet(), c.keySet(), "db " + db);
            for (Key k : a.keySet()) {
                assertArrayEquals((byte[]) a.get(k).value(), (byte[]) c.get(k).value());
                assertEquals(a.get(k).expireAt(), c.get(k).expireAt());
            }
            assertEquals(original.db(db).volatileCount(), copy.db(db).volatileCount(), "db " + db);
        }
    }

    @Test
    void bytesDoNotDependOnInsertionOrder() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add("key:" + i * 7919 % 1000);
        }
        Store forward = new Store();
        Store backward = new Store();
        for (int i = 0; i < keys.size(); i++) {
            forward.db(3).put(Key.of(keys.get(i)), b("v" + keys.get(i)), i % 3 == 0 ? 1000L + i : Entry.NO_EXPIRY);
        }
        for (int i = keys.size() - 1; i >= 0; i--) {
            backward.db(3).put(Key.of(keys.get(i)), b("v" + keys.get(i)), i % 3 == 0 ? 1000L + i : Entry.NO_EXPIRY);
        }
        assertArrayEquals(snapshot(forward), snapshot(backward));
    }

    /** The ACL section of a fresh store: configured flag, user count, "default" and its rules. */
    static final int FRESH_ACL_BYTES = 1 + 4 + 4 + AclTable.DEFAULT_USER.length() + 4 + AclTable.DEFAULT_RULES.length();

    @Test
    void emptyStoreHasAFixedHeader() throws IOException {
        byte[] bytes = snapshot(new Store());
        assertEquals('R', bytes[0]);
        assertEquals(8 + 4 + 4 + Store.DATABASES * 8 + 4 + FRESH_ACL_BYTES + 8, bytes.length); // ... scripts, users, CRC
        assertArrayEquals(bytes, snapshot(load(bytes)));
    }

    @Test
    void readReplacesExistingContents() throws IOException {
        Store target = new Store();
        target.db(1).put(Key.of("stale"), b("x"), 10L);
        StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(snapshot(sample()))), target);
        assertTrue(target.db(1).entries().isEmpty());
        assertEquals(0, target.db(1).volatileCount());
        assertNotNull(target.db(7).entries().get(Key.of("seven")));
    }

    @Test
    void rejectsDamagedSnapshots() throws IOException {
        byte[] good = snapshot(sample());

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertEquals("not a Redraft snapshot (bad magic)", assertThrows(IOException.class, () -> load(badMagic)).getMessage());

        byte[] badVersion = good.clone();
        badVersion[11] = 99;
        assertTrue(assertThrows(IOException.class, () -> load(badVersion)).getMessage().contains("version 99"));

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x01;
        assertThrows(IOException.class, () -> load(flipped));

        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThrows(IOException.class, () -> load(truncated));

        Store target = new Store();
        target.db(0).put(Key.of("x"), b("y"), Entry.NO_EXPIRY);
        assertThrows(IOException.class,
                () -> StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(flipped)), target));
        assertEquals(0, target.db(0).size(), "a failed load leaves the store empty, not half-loaded");
    }

    @Test
    void unknownValueClassIsRejected() {
        Store store = new Store();
        store.db(0).put(Key.of("weird"), new Object(), Entry.NO_EXPIRY);
        assertThrows(IllegalArgumentException.class, () -> snapshot(store));
    }

    @Test
    void valueTypes() {
        assertEquals("string", ValueTypes.typeName(b("x")));
        assertEquals(ValueTypes.STRING, ValueTypes.forTag(0));
        assertEquals(null, ValueTypes.forTag(200));
        for (int i = 0; i < ValueTypes.ALL.size(); i++) {
            for (int j = i + 1; j < ValueTypes.ALL.size(); j++) {
                assertTrue(ValueTypes.ALL.get(i).tag() != ValueTypes.ALL.get(j).tag(), "tags are unique");
            }
        }
    }
}
