package io.redraft.store.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.store.HashValue;
import io.redraft.store.ListValue;
import io.redraft.store.SetValue;
import io.redraft.store.ZSetValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RDB codec against payloads captured from Redis 7.0.15's DUMP (hex below), round trips,
 * and corrupted input.
 */
class RdbCodecTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static Object load(String payloadHex) throws RdbFormatException {
        byte[] p = hex(payloadHex);
        assertTrue(DumpPayload.verify(p), "checksum");
        return DumpPayload.load(p);
    }

    static List<String> list(ListValue l) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(s(l.get(i)));
        }
        return out;
    }

    @Test
    void crc64MatchesRedisCheckValue() {
        byte[] data = b("123456789");
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.of(data, 0, data.length));
    }

    @Test
    void redisStringPayloads() throws Exception {
        assertEquals("hello", s((byte[]) load("0005 68656c6c6f 0a00 6372df766534200a")));
        assertEquals("10000", s((byte[]) load("00c11027 0a00 e4b7ca6c864325d1")));
        assertEquals("12345678901", s((byte[]) load("000b 3132333435363738393031 0a00 304e52d727176510")));
        // 100 'x', LZF-compressed by Redis
        assertEquals("x".repeat(100), s((byte[]) load("00c3094064017878e05700017878 0a00 5db7f663bb08625f")));
    }

    @Test
    void redisCompactEncodings() throws Exception {
        ListValue list = (ListValue) load("1201020f0f00000003008161028162020101ff 0a00 e01bab4a47ce5922");
        assertEquals(List.of("a", "b", "1"), list(list));

        SetValue intset = (SetValue) load("0b0e0200000003000000010002000300 0a00 a5025ce26d6e4d1b");
        assertEquals(3, intset.size());
        assertTrue(intset.contains(b("1")) && intset.contains(b("2")) && intset.contains(b("3")));

        SetValue plain = (SetValue) load("02010161 0a00 6296e97e44d21a6d");
        assertTrue(plain.contains(b("a")));

        ZSetValue z = (ZSetValue) load("1114140000000400816102010181620283322e3504ff 0a00 d44c6ea4f644d9d7");
        assertEquals(1.0, z.find(b("a")).score());
        assertEquals(2.5, z.find(b("b")).score());

        HashValue h = (HashValue) load("100d0d00000002008166028176 02ff 0a00 20f13d442354089d");
        assertEquals("v", s(h.get(b("f"))));
    }

    @Test
    void writerMatchesRedisForUncompressedStrings() {
        assertArrayEquals(hex("0005 68656c6c6f 0a00 6372df766534200a"), DumpPayload.dump(b("hello")));
        assertArrayEquals(hex("00c11027 0a00 e4b7ca6c864325d1"), DumpPayload.dump(b("10000")));
        assertArrayEquals(hex("000b 3132333435363738393031 0a00 304e52d727176510"), DumpPayload.dump(b("12345678901")));
    }

    @Test
    void roundTripsEveryType() throws Exception {
        for (String v : new String[] {"", "0", "-1", "127", "-128", "128", "32767", "-32769", "2147483647",
                "-2147483648", "2147483648", "01", "+1", "-0", " 1", "x".repeat(70000)}) {
            assertEquals(v, s((byte[]) DumpPayload.load(DumpPayload.dump(b(v)))), v);
        }
        ListValue list = new ListValue();
        for (int i = 0; i < 20000; i++) {
            list.addLast(b(i % 3 == 0 ? Integer.toString(i) : "e" + i));
        }
        assertEquals(list(list), list((ListValue) DumpPayload.load(DumpPayload.dump(list))));

        SetValue set = new SetValue();
        HashValue hash = new HashValue();
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < 300; i++) {
            set.add(b("m" + i));
            hash.put(b("f" + i), b("v".repeat(i)));
            z.insert(b("z" + i), i == 0 ? Double.NEGATIVE_INFINITY : i == 1 ? Double.POSITIVE_INFINITY : i / 7.0);
        }
        SetValue set2 = (SetValue) DumpPayload.load(DumpPayload.dump(set));
        assertArrayEqualsDeep(set.sortedMembers(), set2.sortedMembers());
        HashValue hash2 = (HashValue) DumpPayload.load(DumpPayload.dump(hash));
        assertEquals(hash.size(), hash2.size());
        for (byte[] f : hash.sortedMembers()) {
            assertArrayEquals(hash.get(f), hash2.get(f));
        }
        ZSetValue z2 = (ZSetValue) DumpPayload.load(DumpPayload.dump(z));
        assertEquals(z.size(), z2.size());
        for (ZSetValue.Node n = z.first(), m = z2.first(); n != null; n = n.next(), m = m.next()) {
            assertArrayEquals(n.member(), m.member());
            assertEquals(n.score(), m.score());
        }
        // equal values give equal bytes
        assertArrayEquals(DumpPayload.dump(set), DumpPayload.dump(set2));
        assertArrayEquals(DumpPayload.dump(hash), DumpPayload.dump(hash2));
    }

    private static void assertArrayEqualsDeep(byte[][] a, byte[][] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
    }

    // ---------------------------------------------------------------- older and hand-built encodings


    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A ziplist of the given raw entries (each already encoding + data), with prevlens filled in. */
    static byte[] ziplist(byte[]... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prev = 0;
        int tail = 10;
        for (byte[] e : entries) {
            tail = 10 + body.size();
            body.write(prev);
            body.writeBytes(e);
            prev = e.length + 1;
        }
        int total = 10 + body.size() + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int v : new int[] {total, tail}) {
            for (int i = 0; i < 4; i++) {
                out.write(v >>> (8 * i));
            }
        }
        out.write(entries.length);
        out.write(0);
        out.writeBytes(body.toByteArray());
        out.write(0xff);
        return out.toByteArray();
    }

    static byte[] rdbString(byte[] raw) {
        return concat(new byte[] {(byte) raw.length}, raw); // callers keep it under 64 bytes
    }

    @Test
    void readsZiplistEncodingsWithEveryIntegerForm() throws Exception {
        byte[] zl = ziplist(
                concat(new byte[] {0x03}, b("abc")), // 6-bit string
                new byte[] {(byte) 0xf1},              // immediate 0
                new byte[] {(byte) 0xfd},              // immediate 12
                new byte[] {(byte) 0xfe, (byte) 0x80}, // int8 -128
                new byte[] {(byte) 0xc0, 0x00, (byte) 0x80}, // int16 -32768
                new byte[] {(byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f}, // int24 8388607
                new byte[] {(byte) 0xd0, 0x00, 0x00, 0x00, (byte) 0x80}, // int32 min
                new byte[] {(byte) 0xe0, 1, 0, 0, 0, 0, 0, 0, 0}); // int64 1
        ListValue list = (ListValue) DumpPayload.load(DumpPayload.wrap(concat(new byte[] {10}, rdbString(zl)), 9));
        assertEquals(List.of("abc", "0", "12", "-128", "-32768", "8388607", "-2147483648", "1"), list(list));

        byte[] hashZl = ziplist(concat(new byte[] {1}, b("f")), concat(new byte[] {1}, b("v")));
        HashValue h = (HashValue) DumpPayload.load(DumpPayload.wrap(concat(new byte[] {13}, rdbString(hashZl)), 9));
        assertEquals("v", s(h.get(b("f"))));

        byte[] zsetZl = ziplist(concat(new byte[] {1}, b("m")), concat(new byte[] {3}, b("1.5")));
        ZSetValue z = (ZSetValue) DumpPayload.load(DumpPayload.wrap(concat(new byte[] {12}, rdbString(zsetZl)), 9));
        assertEquals(1.5, z.find(b("m")).score());

        // quicklist (v1): two ziplist nodes
        byte[] ql = concat(new byte[] {14, 2}, rdbString(ziplist(concat(new byte[] {1}, b("x")))),
                rdbString(ziplist(new byte[] {(byte) 0xf2})));
        assertEquals(List.of("x", "1"), list((ListValue) DumpPayload.load(DumpPayload.wrap(ql, 9))));
    }

    @Test
    void readsOldTextScoresAndPlainTypes() throws Exception {
        // ZSET (type 3): member, text score; 254 = +inf, 255 = -inf
        byte[] zset = concat(new byte[] {3, 3}, rdbString(b("a")), new byte[] {3}, b("2.5"),
                rdbString(b("b")), new byte[] {(byte) 254}, rdbString(b("c")), new byte[] {(byte) 255});
        ZSetValue z = (ZSetValue) DumpPayload.load(DumpPayload.wrap(zset, 6));
        assertEquals(2.5, z.find(b("a")).score());
        assertEquals(Double.POSITIVE_INFINITY, z.find(b("b")).score());
        assertEquals(Double.NEGATIVE_INFINITY, z.find(b("c")).score());
        // zipmap (type 9): {f: "v" with 2 free bytes, g: ""}
        byte[] zm = concat(new byte[] {2, 1}, b("f"), new byte[] {1, 2}, b("v"), new byte[] {0, 0, 1}, b("g"),
                new byte[] {0, 0, (byte) 0xff});
        HashValue h = (HashValue) DumpPayload.load(DumpPayload.wrap(concat(new byte[] {9}, rdbString(zm)), 6));
        assertEquals("v", s(h.get(b("f"))));
        assertEquals("", s(h.get(b("g"))));
        // quicklist 2 with a PLAIN node
        byte[] ql2 = concat(new byte[] {18, 1, 1}, rdbString(b("big")));
        assertEquals(List.of("big"), list((ListValue) DumpPayload.load(DumpPayload.wrap(ql2, 10))));
    }

    @Test
    void rejectsBadPayloads() {
        byte[] good = hex("0005 68656c6c6f 0a00 6372df766534200a");
        byte[] flipped = good.clone();
        flipped[3] ^= 1;
        assertFalse(DumpPayload.verify(flipped));
        assertFalse(DumpPayload.verify(new byte[9]));
        assertFalse(DumpPayload.verify(DumpPayload.wrap(rdbString(b("x")), 12)), "newer RDB version");
        assertTrue(DumpPayload.verify(DumpPayload.wrap(concat(new byte[] {0}, rdbString(b("x"))), 11)));

        List<byte[]> bad = List.of(
                concat(new byte[] {0, 40}, b("abc")),                 // string longer than the payload
                new byte[] {0x63},                                   // unknown type
                new byte[] {15, 0},                                  // stream: no such Redraft type
                new byte[] {2, 0},                                   // empty set
                concat(new byte[] {2, 2}, rdbString(b("a")), rdbString(b("a"))), // duplicate member
                concat(new byte[] {4, 2}, rdbString(b("f")), rdbString(b("1")), rdbString(b("f")), rdbString(b("2"))),
                concat(new byte[] {5, 1}, rdbString(b("m")), hex("000000000000f87f")), // NaN score
                concat(new byte[] {18, 1, 3}, rdbString(b("x"))),   // unknown quicklist container
                concat(new byte[] {0, (byte) 0xc3, 2, 5}, b("zz")),  // LZF that doesn't decompress to 5 bytes
                concat(new byte[] {11}, rdbString(hex("02000000 02000000 0200 0100"))), // unsorted intset
                concat(new byte[] {16}, rdbString(hex("0b000000 0100 8161 02 ff"))), // hash listpack, odd count
                concat(new byte[] {16}, rdbString(hex("0c000000 0200 8161 03 8162 02 ff"))) // bad back-length
        );
        for (byte[] object : bad) {
            byte[] p = DumpPayload.wrap(object, 10);
            assertTrue(DumpPayload.verify(p));
            assertThrows(RdbFormatException.class, () -> DumpPayload.load(p), HexFormat.of().formatHex(object));
        }
    }

    @Test
    void lzfBackReferencesMayOverlap() throws Exception {
        // literal "ab", then a back reference of length 6 at distance 2: "abababab"
        byte[] in = {0x01, 'a', 'b', (byte) ((4 << 5)), 0x01};
        assertEquals("abababab", s(Lzf.decompress(in, 8)));
        assertInstanceOf(RdbFormatException.class,
                assertThrows(RdbFormatException.class, () -> Lzf.decompress(new byte[] {(byte) 0x20, 5}, 3)));
    }

    /**
     * Random damage under a valid footer only ever yields a value or a format error: nothing a
     * client sends may throw anything else (or allocate without bound) inside the state machine.
     */
    @Test
    void damagedPayloadsFailCleanly() throws Exception {
        List<byte[]> objects = new ArrayList<>();
        for (String hex : new String[] {"1201020f0f00000003008161028162020101ff", "0b0e0200000003000000010002000300",
                "1114140000000400816102010181620283322e3504ff", "100d0d00000002008166028176 02ff",
                "00c3094064017878e05700017878"}) {
            objects.add(hex(hex));
        }
        ListValue list = new ListValue();
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < 50; i++) {
            list.addLast(b("item" + i));
            z.insert(b("m" + i), i * 1.5);
        }
        for (Object v : new Object[] {list, z}) {
            byte[] p = DumpPayload.dump(v);
            objects.add(java.util.Arrays.copyOf(p, p.length - 10));
        }
        java.util.Random random = new java.util.Random(42);
        int decoded = 0;
        for (int round = 0; round < 20000; round++) {
            byte[] o = objects.get(random.nextInt(objects.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(o.length);
                switch (random.nextInt(3)) {
                    case 0 -> o[at] = (byte) random.nextInt(256);
                    case 1 -> o[at] ^= (byte) (1 << random.nextInt(8));
                    default -> o = java.util.Arrays.copyOf(o, Math.max(1, at));
                }
            }
            try {
                DumpPayload.load(DumpPayload.wrap(o, 10));
                decoded++;
            } catch (RdbFormatException expected) {
                // fine
            }
        }
        assertTrue(decoded > 0 && decoded < 20000, "decoded " + decoded);
    }
}
