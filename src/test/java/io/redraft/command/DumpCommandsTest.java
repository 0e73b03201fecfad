package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redraft.resp.Reply;
import io.redraft.store.Key;
import io.redraft.store.StoreSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DumpCommandsTest {
    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
    }

    /** Runs a command with binary arguments, as the harness does. */
    static Reply exec(DataHarness h, long now, byte[]... argv) {
        CommandSpec spec = DataHarness.TABLE.lookup(argv[0]);
        if (!spec.arityOk(argv.length)) {
            return CommandExecutor.wrongArity(spec.name());
        }
        ExecContext ctx = new ExecContext(h.store, h.db, now);
        return spec.handler() instanceof Handler.Write w ? w.apply(ctx, argv) : ((Handler.Read) spec.handler()).read(ctx, argv);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[][] args(Object... parts) {
        byte[][] out = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i] instanceof byte[] bytes ? bytes : b(parts[i].toString());
        }
        return out;
    }

    byte[] dump(String key) {
        return ((Reply.Bulk) exec(h, T0, args("DUMP", key))).value();
    }

    String restore(long now, Object... rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = "RESTORE";
        System.arraycopy(rest, 0, all, 1, rest.length);
        return Replies.show(exec(h, now, args(all)));
    }

    @Test
    void dumpOfMissingKeyIsNil() {
        assertEquals("(nil)", h.run("DUMP", "nope"));
        h.run("SET", "gone", "x", "PX", "5");
        assertEquals("(nil)", h.runAt(T0 + 5, "DUMP", "gone"));
    }

    @Test
    void dumpThenRestoreEveryType() {
        h.run("SET", "s", "hello");
        h.run("RPUSH", "l", "a", "b", "c");
        h.run("SADD", "set", "x", "1");
        h.run("ZADD", "z", "1.5", "a", "-inf", "b");
        h.run("HSET", "h", "f", "v", "g", "w");
        for (String k : List.of("s", "l", "set", "z", "h")) {
            byte[] p = dump(k);
            assertEquals("+OK", restore(T0, k + "2", "0", p));
            assertArrayEquals(p, dump(k + "2"), k);
        }
        assertEquals("[\"a\", \"b\", \"c\"]", h.run("LRANGE", "l2", "0", "-1"));
        assertEquals("[\"b\", ,-Infinity, \"a\", ,1.5]", h.run("ZRANGE", "z2", "0", "-1", "WITHSCORES"));
        assertEquals("\"w\"", h.run("HGET", "h2", "g"));
        assertEquals(":1", h.run("SISMEMBER", "set2", "1"));
        assertEquals(":-1", h.run("PTTL", "s2"));
    }

    @Test
    void restoreTtlIsRelativeToTheLogTimeUnlessAbsolute() {
        h.run("SET", "s", "v");
        byte[] p = dump("s");
        assertEquals("+OK", restore(T0 + 100, "rel", "5000", p));
        assertEquals(":" + (T0 + 5100), h.run("PEXPIRETIME", "rel"));
        assertEquals("+OK", restore(T0, "abs", String.valueOf(T0 + 777), p, "ABSTTL"));
        assertEquals(":" + (T0 + 777), h.run("PEXPIRETIME", "abs"));
        // already expired: OK, nothing stored; with REPLACE the old value is gone too
        assertEquals("+OK", restore(T0, "past", String.valueOf(T0), p, "ABSTTL"));
        assertEquals(":0", h.run("EXISTS", "past"));
        h.run("SET", "old", "x");
        assertEquals("+OK", restore(T0, "old", "1", p, "ABSTTL", "REPLACE"));
        assertEquals(":0", h.run("EXISTS", "old"));
    }

    @Test
    void restoreReplaceAndBusykey() {
        h.run("SET", "s", "new");
        h.run("RPUSH", "k", "old");
        byte[] p = dump("s");
        assertEquals("-BUSYKEY Target key name already exists.", restore(T0, "k", "0", p));
        assertEquals("+OK", restore(T0, "k", "0", p, "replace"));
        assertEquals("\"new\"", h.run("GET", "k"));
        // an expired key is not in the way
        h.run("SET", "e", "x", "PX", "10");
        assertEquals("+OK", restore(T0 + 10, "e", "0", p));
    }

    @Test
    void restoreIdletimeSetsTheAccessTime() {
        h.run("SET", "s", "v");
        byte[] p = dump("s");
        assertEquals("+OK", restore(T0 + 100_000, "k", "0", p, "IDLETIME", "30"));
        assertEquals(":40", h.runAt(T0 + 110_000, "OBJECT", "IDLETIME", "k"));
        assertEquals("+OK", restore(T0, "f", "0", p, "FREQ", "5"));
    }

    @Test
    void restoreErrorsInRedisOrder() {
        h.run("SET", "s", "v");
        byte[] p = dump("s");
        assertEquals("-ERR syntax error", restore(T0, "k", "0", p, "bogus"));
        assertEquals("-ERR syntax error", restore(T0, "k", "0", p, "IDLETIME"));
        assertEquals("-ERR syntax error", restore(T0, "k", "0", p, "FREQ", "1", "IDLETIME", "1"));
        assertEquals("-ERR syntax error", restore(T0, "k", "0", p, "IDLETIME", "1", "FREQ", "1"));
        assertEquals("-ERR Invalid IDLETIME value, must be >= 0", restore(T0, "k", "0", p, "IDLETIME", "-1"));
        assertEquals("-ERR value is not an integer or out of range", restore(T0, "k", "0", p, "IDLETIME", "x"));
        assertEquals("-ERR Invalid FREQ value, must be >= 0 and <= 255", restore(T0, "k", "0", p, "FREQ", "256"));
        assertEquals("-BUSYKEY Target key name already exists.", restore(T0, "s", "x", "junk"));
        assertEquals("-ERR value is not an integer or out of range", restore(T0, "k", "x", p));
        assertEquals("-ERR Invalid TTL value, must be >= 0", restore(T0, "k", "-1", p));
        assertEquals("-ERR DUMP payload version or checksum are wrong", restore(T0, "k", "0", "junk"));
        byte[] flipped = p.clone();
        flipped[2] ^= 1;
        assertEquals("-ERR DUMP payload version or checksum are wrong", restore(T0, "k", "0", flipped));
        // valid footer, undecodable object (type 0x63)
        byte[] bad = HexFormat.of().parseHex("630a00");
        byte[] withCrc = new byte[bad.length + 8];
        System.arraycopy(bad, 0, withCrc, 0, bad.length);
        long crc = io.redraft.store.rdb.Crc64.of(bad, 0, bad.length);
        for (int i = 0; i < 8; i++) {
            withCrc[bad.length + i] = (byte) (crc >>> (8 * i));
        }
        assertEquals("-ERR Bad data format", restore(T0, "k", "0", withCrc));
        assertEquals(":0", h.run("EXISTS", "k"));
        assertEquals("-ERR wrong number of arguments for 'restore' command", h.run("RESTORE", "k", "0"));
    }

    /** RESTORE, MOVE and SWAPDB replayed on two stores give the same snapshot bytes. */
    @Test
    void replayIsDeterministic() throws IOException {
        h.run("SET", "s", "v");
        h.run("SADD", "set", "c", "a", "b");
        h.run("ZADD", "z", "1", "a", "2", "b");
        byte[] ps = dump("s");
        byte[] pset = dump("set");
        byte[] pz = dump("z");
        List<byte[][]> log = new ArrayList<>();
        log.add(args("RESTORE", "a", "0", ps));
        log.add(args("RESTORE", "b", "60000", pset));
        log.add(args("RESTORE", "c", "0", pz, "IDLETIME", "9"));
        log.add(args("MOVE", "b", "4"));
        log.add(args("SWAPDB", "0", "4"));
        log.add(args("RESTORE", "a", "1000", pz, "REPLACE"));
        log.add(args("MOVE", "a", "7"));
        DataHarness r1 = new DataHarness();
        DataHarness r2 = new DataHarness();
        List<String> replies1 = new ArrayList<>();
        List<String> replies2 = new ArrayList<>();
        long t = T0;
        for (byte[][] argv : log) {
            t += 10;
            replies1.add(Replies.show(exec(r1, t, argv)));
            replies2.add(Replies.show(exec(r2, t, argv)));
        }
        assertEquals(replies1, replies2);
        assertArrayEquals(snapshot(r1), snapshot(r2));
        assertEquals(true, r1.store.db(7).entries().containsKey(Key.of("a")));
        assertEquals(true, r1.store.db(0).entries().containsKey(Key.of("b")));
    }

    static byte[] snapshot(DataHarness h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            StoreSnapshot.write(h.store, out);
        }
        return bytes.toByteArray();
    }
}
