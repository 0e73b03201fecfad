package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.CommandSpec;
import io.redraft.command.CommandTable;
import io.redraft.command.ExecContext;
import io.redraft.command.Handler;
import io.redraft.resp.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replicas applying the same log of list and sorted-set writes must give identical replies and
 * byte-identical snapshots, including a replica restored from a snapshot mid-way (its hash tables
 * and skip lists are built in a different order and shape).
 */
class ListZSetDeterminismTest {
    static final CommandTable TABLE = CommandTable.standard();
    static final long T0 = 1_700_000_000_000L;

    record LogEntry(long timestamp, int db, byte[][] argv) {
    }

    static Reply apply(Store store, LogEntry e) {
        CommandSpec spec = TABLE.lookup(e.argv()[0]);
        if (!spec.arityOk(e.argv().length)) {
            return Reply.error("arity");
        }
        return ((Handler.Write) spec.handler()).apply(new ExecContext(store, e.db(), e.timestamp()), e.argv());
    }

    static byte[] snapshot(Store store) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreSnapshot.write(store, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static Store restore(byte[] snapshot) throws IOException {
        Store s = new Store();
        StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(snapshot)), s);
        return s;
    }

    static void purge(Store store, long now) {
        for (int db = 0; db < Store.DATABASES; db++) {
            store.db(db).removeExpired(now);
        }
    }

    /** Renders a reply completely, doubles by their bits. */
    static void show(Reply r, StringBuilder sb) {
        if (r instanceof Reply.Bulk b) {
            sb.append('$').append(new String(b.value(), StandardCharsets.ISO_8859_1));
        } else if (r instanceof Reply.Dbl d) {
            sb.append(',').append(Long.toHexString(Double.doubleToRawLongBits(d.value())));
        } else if (r instanceof Reply.Array || r instanceof Reply.Pairs) {
            List<Reply> items = r instanceof Reply.Array a ? a.items() : ((Reply.Pairs) r).flat();
            sb.append('[');
            for (Reply item : items) {
                show(item, sb);
                sb.append(' ');
            }
            sb.append(']');
        } else if (r instanceof Reply.Null n) {
            sb.append(n.array() ? "*-1" : "$-1");
        } else {
            sb.append(r);
        }
    }

    static String show(Reply r) {
        StringBuilder sb = new StringBuilder();
        show(r, sb);
        return sb.toString();
    }

    static final String[] SCORES = {"0", "-0", "1", "2", "2.5", "-3", "0.1", "1e3", "inf", "-inf", "(1", "7"};

    static String score(Random r) {
        String s = SCORES[r.nextInt(SCORES.length)];
        return s.startsWith("(") ? s.substring(1) : s;
    }

    static String member(Random r) {
        if (r.nextInt(20) == 0) {
            byte[] raw = new byte[1 + r.nextInt(3)];
            r.nextBytes(raw);
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
        return "m" + r.nextInt(40);
    }

    static String lex(Random r) {
        switch (r.nextInt(5)) {
            case 0:
                return "-";
            case 1:
                return "+";
            case 2:
                return "(" + member(r);
            default:
                return "[" + member(r);
        }
    }

    static String scoreBound(Random r) {
        String s = SCORES[r.nextInt(SCORES.length)];
        return r.nextInt(3) == 0 && !s.startsWith("(") ? "(" + s : s;
    }

    static String idx(Random r) {
        return Integer.toString(r.nextInt(14) - 7);
    }

    static List<LogEntry> randomLog(long seed, int n) {
        Random r = new Random(seed);
        List<LogEntry> log = new ArrayList<>(n);
        long ts = T0;
        boolean sets = TABLE.lookup("sadd") != null;
        for (int i = 0; i < n; i++) {
            ts += r.nextInt(5) == 0 ? 0 : r.nextInt(300);
            String l = "l" + r.nextInt(6);
            String l2 = "l" + r.nextInt(6);
            String z = "z" + r.nextInt(6);
            String z2 = "z" + r.nextInt(6);
            String z3 = "z" + r.nextInt(6);
            String any = r.nextBoolean() ? l : z;
            List<String> a = new ArrayList<>();
            int pick = r.nextInt(48);
            switch (pick) {
                case 0, 1, 2 -> {
                    a.add(r.nextBoolean() ? "LPUSH" : "RPUSH");
                    a.add(l);
                    for (int k = 0, m = 1 + r.nextInt(4); k < m; k++) {
                        a.add(member(r));
                    }
                }
                case 3 -> a.addAll(List.of(r.nextBoolean() ? "LPUSHX" : "RPUSHX", l, member(r)));
                case 4, 5 -> {
                    a.add(r.nextBoolean() ? "LPOP" : "RPOP");
                    a.add(l);
                    if (r.nextBoolean()) {
                        a.add(Integer.toString(r.nextInt(4)));
                    }
                }
                case 6 -> a.addAll(List.of("LSET", l, idx(r), member(r)));
                case 7 -> a.addAll(List.of("LINSERT", l, r.nextBoolean() ? "BEFORE" : "AFTER", member(r),
                        member(r)));
                case 8 -> a.addAll(List.of("LREM", l, Integer.toString(r.nextInt(5) - 2), member(r)));
                case 9 -> a.addAll(List.of("LTRIM", l, idx(r), idx(r)));
                case 10 -> a.addAll(List.of("LMOVE", l, l2, r.nextBoolean() ? "LEFT" : "RIGHT",
                        r.nextBoolean() ? "LEFT" : "RIGHT"));
                case 11 -> a.addAll(List.of("RPOPLPUSH", l, l2));
                case 12 -> a.addAll(List.of("LMPOP", "2", l, l2, r.nextBoolean() ? "LEFT" : "RIGHT", "COUNT",
                        Integer.toString(1 + r.nextInt(3))));
                case 13, 14, 15, 16, 17 -> {
                    a.add("ZADD");
                    a.add(z);
                    String[] opts = {"NX", "XX", "GT", "LT", "CH", "INCR"};
                    for (String o : opts) {
                        if (r.nextInt(8) == 0) {
                            a.add(o);
                        }
                    }
                    for (int k = 0, m = a.contains("INCR") && r.nextInt(4) > 0 ? 1 : 1 + r.nextInt(4); k < m; k++) {
                        a.add(score(r));
                        a.add(member(r));
                    }
                }
                case 18, 19 -> a.addAll(List.of("ZINCRBY", z, score(r), member(r)));
                case 20, 21 -> a.addAll(List.of("ZREM", z, member(r), member(r)));
                case 22 -> {
                    a.add(r.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX");
                    a.add(z);
                    if (r.nextBoolean()) {
                        a.add(Integer.toString(r.nextInt(4)));
                    }
                }
                case 23 -> a.addAll(List.of("ZMPOP", "2", z, z2, r.nextBoolean() ? "MIN" : "MAX", "COUNT",
                        Integer.toString(1 + r.nextInt(3))));
                case 24, 25 -> {
                    a.addAll(List.of("ZRANGESTORE", z, z2));
                    int kind = r.nextInt(3);
                    if (kind == 0) {
                        a.addAll(List.of(idx(r), idx(r)));
                    } else if (kind == 1) {
                        a.addAll(List.of(scoreBound(r), scoreBound(r), "BYSCORE"));
                    } else {
                        a.addAll(List.of(lex(r), lex(r), "BYLEX"));
                    }
                    if (r.nextBoolean()) {
                        a.add("REV");
                    }
                    if (kind > 0 && r.nextBoolean()) {
                        a.addAll(List.of("LIMIT", Integer.toString(r.nextInt(4) - 1), Integer.toString(r.nextInt(5) - 1)));
                    }
                }
                case 26, 27, 28 -> {
                    String[] ops = {"ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"};
                    String op = ops[r.nextInt(3)];
                    a.addAll(List.of(op, z, "3", z2, z3, r.nextInt(4) == 0 ? "s" + r.nextInt(2) : z));
                    if (!op.equals("ZDIFFSTORE")) {
                        if (r.nextBoolean()) {
                            a.addAll(List.of("WEIGHTS", score(r), score(r), score(r)));
                        }
                        if (r.nextBoolean()) {
                            a.addAll(List.of("AGGREGATE", new String[] {"SUM", "MIN", "MAX"}[r.nextInt(3)]));
                        }
                    }
                }
                case 29 -> a.addAll(List.of("ZREMRANGEBYRANK", z, idx(r), idx(r)));
                case 30 -> a.addAll(List.of("ZREMRANGEBYSCORE", z, scoreBound(r), scoreBound(r)));
                case 31, 32 -> a.addAll(List.of("ZREMRANGEBYLEX", z, lex(r), lex(r))); // mixed scores too
                case 33 -> a.addAll(List.of("SET", any, "v"));
                case 34 -> a.addAll(List.of("DEL", any));
                case 35, 36 -> a.addAll(List.of("PEXPIRE", any, Integer.toString(1 + r.nextInt(3000))));
                case 37 -> {
                    if (sets) {
                        a.addAll(List.of("SADD", "s" + r.nextInt(2), member(r), member(r)));
                    } else {
                        a.addAll(List.of("ZADD", z, score(r), member(r)));
                    }
                }
                default -> {
                    // mostly growth so sets get big enough to matter
                    a.add("ZADD");
                    a.add(z);
                    for (int k = 0; k < 6; k++) {
                        a.add(Integer.toString(r.nextInt(6)));
                        a.add(member(r));
                    }
                }
            }
            byte[][] argv = new byte[a.size()][];
            for (int k = 0; k < argv.length; k++) {
                argv[k] = a.get(k).getBytes(StandardCharsets.ISO_8859_1);
            }
            log.add(new LogEntry(ts, r.nextInt(5) == 0 ? 1 : 0, argv));
        }
        return log;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 77, 2024})
    void replicasAgreeIncludingOneRestoredFromSnapshots(long seed) throws IOException {
        List<LogEntry> log = randomLog(seed, 8000);
        Store straight = new Store();
        Store restarted = new Store();
        List<String> repliesA = new ArrayList<>();
        List<String> repliesB = new ArrayList<>();
        int restores = 0;
        for (int i = 0; i < log.size(); i++) {
            LogEntry e = log.get(i);
            repliesA.add(show(apply(straight, e)));
            repliesB.add(show(apply(restarted, e)));
            if (i % 53 == 52) {
                purge(straight, e.timestamp());
                purge(restarted, e.timestamp());
            }
            if (i % 1500 == 700) {
                byte[] snap = snapshot(restarted);
                assertArrayEquals(snapshot(straight), snap, "state at entry " + i);
                restarted = restore(snap);
                assertArrayEquals(snap, snapshot(restarted), "a restored store writes the same snapshot");
                restores++;
            }
        }
        assertTrue(restores >= 5);
        for (int i = 0; i < repliesA.size(); i++) {
            assertEquals(repliesA.get(i), repliesB.get(i), "reply to entry " + i);
        }
        assertArrayEquals(snapshot(straight), snapshot(restarted));

        // the log did exercise the interesting paths
        assertTrue(repliesA.stream().anyMatch(s -> s.contains("WRONGTYPE")));
        assertTrue(repliesA.stream().anyMatch(s -> s.contains("not compatible")));
        assertTrue(repliesA.stream().anyMatch(s -> s.startsWith("[$")));
        assertTrue(repliesA.stream().anyMatch(s -> s.startsWith(",")));
        int lists = 0;
        int zsets = 0;
        for (int db = 0; db < 2; db++) {
            for (Entry e : straight.db(db).entries().values()) {
                if (e.value() instanceof ListValue) {
                    lists++;
                } else if (e.value() instanceof ZSetValue) {
                    zsets++;
                }
            }
        }
        assertTrue(lists > 0 && zsets > 0, lists + " lists, " + zsets + " zsets");
    }
}
