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
 * Replicas applying the same log of hash and set writes (SPOP and HINCRBYFLOAT included) give
 * identical replies and byte-identical snapshots, even when one of them is restored from a
 * snapshot part-way through: a restored replica's tables are laid out differently (sorted
 * insertion, different capacities), so any write that depended on iteration order would diverge.
 */
class HashSetDeterminismTest {
    static final CommandTable TABLE = CommandTable.standard();
    static final long T0 = 1_700_000_000_000L;

    record LogEntry(long timestamp, int db, byte[][] argv) {
    }

    static Reply apply(Store store, LogEntry e) {
        CommandSpec spec = TABLE.lookup(e.argv()[0]);
        return ((Handler.Write) spec.handler()).apply(new ExecContext(store, e.db(), e.timestamp()), e.argv());
    }

    /** Deep, byte-exact rendering (records holding byte[] would print identities). */
    static String show(Reply r) {
        if (r instanceof Reply.Bulk b) {
            return "$" + new String(b.value(), StandardCharsets.ISO_8859_1);
        }
        if (r instanceof Reply.Array a) {
            return "*" + showAll(a.items());
        }
        if (r instanceof Reply.SetReply s) {
            return "~" + showAll(s.items());
        }
        if (r instanceof Reply.Pairs p) {
            return "*" + showAll(p.flat());
        }
        if (r instanceof Reply.MapReply m) {
            return "%" + showAll(m.keysAndValues());
        }
        return r.toString();
    }

    private static String showAll(List<Reply> items) {
        StringBuilder sb = new StringBuilder("[");
        for (Reply item : items) {
            sb.append(show(item)).append(',');
        }
        return sb.append(']').toString();
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

    static void purge(Store store, long now) {
        for (int db = 0; db < Store.DATABASES; db++) {
            store.db(db).removeExpired(now);
        }
    }

    static List<LogEntry> randomLog(long seed, int n) {
        Random r = new Random(seed);
        List<LogEntry> log = new ArrayList<>(n);
        long ts = T0;
        String[] increments = {"0.1", "-0.2", "1.5", "3.14159", "1e3", "-7", "0.001", "2.5e-3", "0x1p-2"};
        for (int i = 0; i < n; i++) {
            ts += r.nextInt(8) == 0 ? 0 : r.nextInt(300);
            String k = "k" + r.nextInt(10);
            String k2 = "k" + r.nextInt(10);
            String m = "m" + r.nextInt(80);
            String f = "f" + r.nextInt(30);
            String v = r.nextInt(3) == 0 ? String.valueOf(r.nextInt(200) - 100) : "v" + r.nextInt(1000);
            String[] argv;
            int pick = r.nextInt(100);
            if (pick < 16) {
                List<String> a = new ArrayList<>(List.of("SADD", k));
                for (int j = 0, c = 1 + r.nextInt(8); j < c; j++) {
                    a.add("m" + r.nextInt(80));
                }
                argv = a.toArray(new String[0]);
            } else if (pick < 21) {
                argv = new String[] {"SREM", k, m, "m" + r.nextInt(80)};
            } else if (pick < 29) {
                argv = new String[] {"SPOP", k};
            } else if (pick < 35) {
                argv = new String[] {"SPOP", k, String.valueOf(r.nextInt(6))};
            } else if (pick < 39) {
                argv = new String[] {"SMOVE", k, k2, m};
            } else if (pick < 42) {
                argv = new String[] {"SINTERSTORE", k, k2, "k" + r.nextInt(10)};
            } else if (pick < 45) {
                argv = new String[] {"SUNIONSTORE", k, k2, "k" + r.nextInt(10)};
            } else if (pick < 47) {
                argv = new String[] {"SDIFFSTORE", k, k2, "k" + r.nextInt(10)};
            } else if (pick < 58) {
                argv = new String[] {"HSET", k, f, v, "f" + r.nextInt(30), v};
            } else if (pick < 60) {
                argv = new String[] {"HMSET", k, f, v};
            } else if (pick < 62) {
                argv = new String[] {"HSETNX", k, f, v};
            } else if (pick < 68) {
                argv = new String[] {"HDEL", k, f, "f" + r.nextInt(30)};
            } else if (pick < 74) {
                argv = new String[] {"HINCRBY", k, f, String.valueOf(r.nextInt(100) - 50)};
            } else if (pick < 82) {
                argv = new String[] {"HINCRBYFLOAT", k, f, increments[r.nextInt(increments.length)]};
            } else if (pick < 86) {
                argv = new String[] {"PEXPIRE", k, String.valueOf(1 + r.nextInt(3000))};
            } else if (pick < 89) {
                argv = new String[] {"DEL", k};
            } else if (pick < 92) {
                argv = new String[] {"SET", k, v};
            } else if (pick < 95) {
                argv = new String[] {"PERSIST", k};
            } else if (pick < 99) {
                argv = new String[] {"SPOP", k, String.valueOf(10 + r.nextInt(40))};
            } else {
                argv = new String[] {"FLUSHDB"};
            }
            byte[][] bytes = new byte[argv.length][];
            for (int j = 0; j < argv.length; j++) {
                bytes[j] = argv[j].getBytes(StandardCharsets.UTF_8);
            }
            log.add(new LogEntry(ts, r.nextInt(2), bytes));
        }
        return log;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99, 2024})
    void restoredReplicaMatchesUninterruptedOne(long seed) throws IOException {
        List<LogEntry> log = randomLog(seed, 8000);
        Store straight = new Store();
        Store restarted = new Store();
        List<String> repliesStraight = new ArrayList<>();
        List<String> repliesRestarted = new ArrayList<>();
        int restores = 0;
        boolean sawHash = false;
        boolean sawSet = false;
        for (int i = 0; i < log.size(); i++) {
            LogEntry e = log.get(i);
            repliesStraight.add(show(apply(straight, e)));
            repliesRestarted.add(show(apply(restarted, e)));
            if (i % 53 == 52) {
                purge(straight, e.timestamp());
                purge(restarted, e.timestamp());
            }
            if (i % 1700 == 1000) {
                for (int db = 0; db < 2; db++) {
                    for (Entry live : straight.db(db).entries().values()) {
                        sawHash |= live.value() instanceof HashValue;
                        sawSet |= live.value() instanceof SetValue;
                    }
                }
                byte[] snap = snapshot(restarted);
                assertArrayEquals(snapshot(straight), snap, "diverged before entry " + i);
                restarted = restore(snap);
                restores++;
            }
        }
        assertTrue(restores >= 4);
        for (int i = 0; i < repliesStraight.size(); i++) {
            assertEquals(repliesStraight.get(i), repliesRestarted.get(i), "reply to entry " + i);
        }
        assertArrayEquals(snapshot(straight), snapshot(restarted));

        // the log exercised what it should
        long spops = 0;
        long floats = 0;
        for (int i = 0; i < log.size(); i++) {
            String cmd = new String(log.get(i).argv()[0], StandardCharsets.UTF_8);
            String reply = repliesStraight.get(i);
            if (cmd.equals("SPOP") && (reply.startsWith("$") || reply.startsWith("~[$"))) {
                spops++;
            }
            if (cmd.equals("HINCRBYFLOAT") && reply.startsWith("$") && reply.contains(".")) {
                floats++;
            }
        }
        assertTrue(spops > 150, "SPOPs that popped: " + spops);
        assertTrue(floats > 100, "fractional HINCRBYFLOAT results: " + floats);
        assertTrue(repliesStraight.stream().anyMatch(r -> r.contains("WRONGTYPE")));
        assertTrue(repliesStraight.stream().anyMatch(r -> r.contains("hash value is not")));
        assertTrue(sawHash && sawSet, "hashes and sets were live at snapshot points");
    }
}
