package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemberTableTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static Set<String> contents(MemberTable t) {
        Set<String> out = new HashSet<>();
        for (int slot = 0; slot < t.capacity(); slot++) {
            if (t.memberAt(slot) != null) {
                assertTrue(out.add(s(t.memberAt(slot))), "no duplicates");
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void setMatchesAReferenceModel(long seed) {
        Random r = new Random(seed);
        SetValue set = new SetValue();
        Set<String> ref = new HashSet<>();
        for (int i = 0; i < 40_000; i++) {
            // phases of growth and shrinkage, with binary members
            int universe = (i / 10_000) % 2 == 0 ? 5000 : 300;
            String m = "m" + r.nextInt(universe) + (r.nextInt(4) == 0 ? "\u0000\u00ff" : "");
            if (r.nextInt(3) == 0 && (i / 5000) % 2 == 1) {
                assertEquals(ref.remove(m), set.remove(b(m)));
            } else {
                assertEquals(ref.add(m), set.add(b(m)));
            }
            assertEquals(ref.size(), set.size());
            if (i % 997 == 0) {
                assertEquals(ref, contents(set));
                for (String x : ref) {
                    assertTrue(set.contains(b(x)));
                }
                assertFalse(set.contains(b("absent")));
                assertTrue(set.capacity() >= MemberTable.MIN_CAPACITY);
                assertTrue(set.size() <= set.capacity() * 3 / 4);
                assertTrue(set.capacity() == MemberTable.MIN_CAPACITY || set.size() >= set.capacity() / 8 - 1,
                        "shrinks when sparse");
            }
        }
        List<String> sorted = new ArrayList<>();
        for (byte[] m : set.sortedMembers()) {
            sorted.add(s(m));
        }
        assertEquals(new ArrayList<>(new TreeSet<>(ref)), sorted); // ISO-8859-1 keeps unsigned byte order
    }

    @Test
    void hashMatchesAReferenceModel() {
        Random r = new Random(9);
        HashValue hash = new HashValue();
        Map<String, String> ref = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            String f = "f" + r.nextInt(2000);
            int op = r.nextInt(10);
            if (op < 5) {
                String v = "v" + i;
                assertEquals(!ref.containsKey(f), hash.put(b(f), b(v)));
                ref.put(f, v);
            } else if (op < 6) {
                boolean absent = !ref.containsKey(f);
                assertEquals(absent, hash.putIfAbsent(b(f), b("nx" + i)));
                ref.putIfAbsent(f, "nx" + i);
            } else {
                assertEquals(ref.remove(f) != null, hash.remove(b(f)));
            }
            assertEquals(ref.size(), hash.size());
        }
        for (Map.Entry<String, String> e : ref.entrySet()) {
            assertEquals(e.getValue(), s(hash.get(b(e.getKey()))));
            int slot = hash.slotOf(b(e.getKey()));
            assertEquals(e.getValue(), s(hash.valueIn(slot)));
        }
        assertNull(hash.get(b("nope")));
        assertEquals(-1, hash.slotOf(b("nope")));
    }

    @Test
    void hashIsFixedAndNonNegative() {
        // cursors are hash thresholds, so the hash must never change between releases or JVMs
        assertEquals(8811322655681937238L, MemberTable.hash(b("")));
        assertEquals(6727400322621003790L, MemberTable.hash(b("a")));
        assertEquals(2239518227724177677L, MemberTable.hash(b("abcdefgh")));
        assertEquals(4374035461138913852L, MemberTable.hash(b("abcdefghi")));
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[r.nextInt(40)];
            r.nextBytes(bytes);
            assertTrue(MemberTable.hash(bytes) >= 0);
        }
    }

    /** Runs a full scan, applying {@code churn} between steps; returns every member visited. */
    static Set<String> fullScan(MemberTable t, int count, Runnable churn) {
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int steps = 0;
        do {
            List<Integer> slots = new ArrayList<>();
            cursor = t.scan(cursor, count, slots::add);
            for (int slot : slots) {
                seen.add(s(t.memberAt(slot)));
            }
            churn.run();
            assertTrue(++steps < 1_000_000);
        } while (cursor != 0);
        return seen;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 100_000})
    void scanVisitsEachMemberOnceWhenUnchanged(int count) {
        SetValue set = new SetValue();
        for (int i = 0; i < 3000; i++) {
            set.add(b("x" + i));
        }
        List<String> visited = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = set.scan(cursor, count, slot -> visited.add(s(set.memberAt(slot))));
        } while (cursor != 0);
        assertEquals(3000, visited.size(), "no repeats without changes");
        assertEquals(contents(set), new HashSet<>(visited));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void scanReturnsEveryMemberPresentThroughoutDespiteChurn(long seed) {
        Random r = new Random(seed);
        SetValue set = new SetValue();
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 1500; i++) {
            set.add(b("stable" + i));
            stable.add("stable" + i);
        }
        int[] round = {0};
        Set<String> seen = fullScan(set, 1 + r.nextInt(30), () -> {
            // bursts of inserts and deletes of other members: the table grows and shrinks mid-scan
            int phase = round[0]++ % 20;
            for (int i = 0; i < 400; i++) {
                String m = "churn" + r.nextInt(20_000);
                if (phase < 10) {
                    set.add(b(m));
                } else {
                    set.remove(b(m));
                }
            }
        });
        assertTrue(seen.containsAll(stable));
    }

    @Test
    void scanFromArbitraryCursorsTerminates() {
        SetValue set = new SetValue();
        for (int i = 0; i < 500; i++) {
            set.add(b("m" + i));
        }
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            long cursor = r.nextLong() >>> 1;
            long next = set.scan(cursor, 10, slot -> { });
            assertTrue(next == 0 || Long.compareUnsigned(next, cursor) > 0, "cursors only move forward");
        }
        assertEquals(0, set.scan(-5, 10, slot -> { }), "a cursor past 2^63 is past the end");
    }

    @Test
    void popRandomDependsOnContentsNotLayout() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            members.add("m" + i);
        }
        SetValue a = new SetValue();
        for (String m : members) {
            a.add(b(m));
        }
        SetValue c = new SetValue(4000); // a different capacity, reversed insertion order
        for (int i = members.size() - 1; i >= 0; i--) {
            c.add(b(members.get(i)));
        }
        for (int round = 0; round < 60; round++) {
            int count = 1 + round % 9;
            byte[][] pa = a.popRandom(count, new SplittableRandom(round));
            byte[][] pc = c.popRandom(count, new SplittableRandom(round));
            assertEquals(count, pa.length);
            for (int i = 0; i < count; i++) {
                assertArrayEquals(pa[i], pc[i]);
                assertFalse(a.contains(pa[i]));
            }
            if (round % 10 == 0) {
                a.add(b("late" + round)); // mutations between pops drop the cached order
                c.add(b("late" + round));
            }
        }
        assertEquals(contents(a), contents(c));
        assertThrows(IllegalArgumentException.class, () -> a.popRandom(a.size(), new SplittableRandom(1)));
    }

    @Test
    void popRandomIsRoughlyUniform() {
        int[] hits = new int[10];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            SetValue set = new SetValue();
            for (int m = 0; m < 10; m++) {
                set.add(new byte[] {(byte) m});
            }
            for (byte[] popped : set.popRandom(i % 2 == 0 ? 1 : 3, random)) {
                hits[popped[0]]++;
            }
        }
        for (int h : hits) { // each member: 10000 * 1/10 + 10000 * 3/10 = 4000 expected
            assertTrue(h > 3600 && h < 4400, Arrays.toString(hits));
        }
    }

    static byte[] snapshot(Store store) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreSnapshot.write(store, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static Store restore(byte[] snapshot) throws IOException {
        Store store = new Store();
        StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(snapshot)), store);
        return store;
    }

    @Test
    void codecsRoundTripDeterministically() throws IOException {
        assertEquals("hash", ValueTypes.typeName(new HashValue()));
        assertEquals("set", ValueTypes.typeName(new SetValue()));
        assertEquals(1, ValueTypes.forTag(1).tag());
        assertEquals(3, ValueTypes.forTag(3).tag());

        Store a = new Store();
        Store b = new Store();
        HashValue ha = new HashValue();
        HashValue hb = new HashValue(100);
        SetValue sa = new SetValue();
        SetValue sb = new SetValue();
        for (int i = 0; i < 200; i++) {
            ha.put(b("f" + i), b("v" + i));
            hb.put(b("f" + (199 - i)), b("v" + (199 - i)));
            sa.add(new byte[] {(byte) i, 0});
            sb.add(new byte[] {(byte) (199 - i), 0});
        }
        a.db(0).put(Key.of("h"), ha, Entry.NO_EXPIRY);
        a.db(3).put(Key.of("s"), sa, 1234);
        b.db(0).put(Key.of("h"), hb, Entry.NO_EXPIRY);
        b.db(3).put(Key.of("s"), sb, 1234);
        byte[] snap = snapshot(a);
        assertArrayEquals(snap, snapshot(b), "equal contents encode identically whatever the layout");

        Store restored = restore(snap);
        assertArrayEquals(snap, snapshot(restored));
        HashValue h = (HashValue) restored.db(0).entries().get(Key.of("h")).value();
        assertEquals("v42", s(h.get(b("f42"))));
        SetValue set = (SetValue) restored.db(3).entries().get(Key.of("s")).value();
        assertEquals(200, set.size());
        assertTrue(set.contains(new byte[] {(byte) 150, 0}));
        assertEquals(1234, restored.db(3).entries().get(Key.of("s")).expireAt());
    }

    @Test
    void corruptCollectionsAreRejected() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0);
        assertThrows(IOException.class,
                () -> SetValue.CODEC.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertThrows(IOException.class,
                () -> HashValue.CODEC.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        bytes.reset();
        out.writeInt(2);
        ValueTypes.writeBytes(b("dup"), out);
        ValueTypes.writeBytes(b("dup"), out);
        assertThrows(IOException.class,
                () -> SetValue.CODEC.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }
}
