package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.CommandSpec;
import io.redraft.command.CommandTable;
import io.redraft.command.ExecContext;
import io.redraft.command.Handler;
import io.redraft.resp.Reply;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replicas apply the same log; their states must be byte-identical. Also checks that expired
 * keys are logically invisible: a replica that never purges expired keys gives the same replies
 * and, once purged, the same state.
 */
class DeterminismTest {
    static final CommandTable TABLE = CommandTable.standard();
    static final long T0 = 1_700_000_000_000L;

    record LogEntry(long timestamp, int db, byte[][] argv) {
    }

    /** Applies one entry as the state machine does. */
    static Reply apply(Store store, LogEntry e) {
        CommandSpec spec = TABLE.lookup(e.argv()[0]);
        return ((Handler.Write) spec.handler()).apply(new ExecContext(store, e.db(), e.timestamp()), e.argv());
    }

    static void purge(Store store, long now) {
        for (int db = 0; db < Store.DATABASES; db++) {
            store.db(db).removeExpired(now);
        }
    }

    static byte[] snapshot(Store store) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreSnapshot.write(store, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static List<LogEntry> randomLog(long seed, int n) {
        Random r = new Random(seed);
        List<LogEntry> log = new ArrayList<>(n);
        long ts = T0;
        for (int i = 0; i < n; i++) {
            ts += r.nextInt(10) == 0 ? 0 : r.nextInt(400);
            String k = "k" + r.nextInt(24);
            String v = r.nextInt(3) == 0 ? String.valueOf(r.nextInt(100) - 50) : "v" + r.nextInt(1000);
            String[] argv;
            int pick = r.nextInt(100);
            if (pick < 12) {
                argv = new String[] {"SET", k, v};
            } else if (pick < 20) {
                argv = new String[] {"SET", k, v, "EX", String.valueOf(1 + r.nextInt(5))};
            } else if (pick < 28) {
                argv = new String[] {"SET", k, v, "PX", String.valueOf(1 + r.nextInt(3000))};
            } else if (pick < 32) {
                argv = new String[] {"SET", k, v, "KEEPTTL"};
            } else if (pick < 35) {
                argv = new String[] {"SET", k, v, r.nextBoolean() ? "NX" : "XX", "GET"};
            } else if (pick < 38) {
                argv = new String[] {"SET", k, v, "PXAT", String.valueOf(ts + r.nextInt(4000) - 1000)};
            } else if (pick < 46) {
                argv = new String[] {"EXPIRE", k, String.valueOf(r.nextInt(6) - 1)};
            } else if (pick < 50) {
                String[] opts = {"NX", "XX", "GT", "LT"};
                argv = new String[] {"PEXPIRE", k, String.valueOf(r.nextInt(5000)), opts[r.nextInt(4)]};
            } else if (pick < 53) {
                argv = new String[] {"EXPIREAT", k, String.valueOf(ts / 1000 + r.nextInt(4))};
            } else if (pick < 62) {
                argv = new String[] {"INCR", k};
            } else if (pick < 66) {
                argv = new String[] {"INCRBY", k, String.valueOf(r.nextInt(2000) - 1000)};
            } else if (pick < 68) {
                argv = new String[] {"DECR", k};
            } else if (pick < 76) {
                argv = new String[] {"APPEND", k, v};
            } else if (pick < 82) {
                argv = new String[] {"DEL", k, "k" + r.nextInt(24)};
            } else if (pick < 85) {
                argv = new String[] {"PERSIST", k};
            } else if (pick < 88) {
                argv = new String[] {"GETDEL", k};
            } else if (pick < 91) {
                argv = new String[] {"SETNX", k, v};
            } else if (pick < 94) {
                argv = new String[] {"GETSET", k, v};
            } else if (pick < 97) {
                argv = new String[] {"MSET", k, v, "k" + r.nextInt(24), "m"};
            } else if (pick < 99) {
                argv = new String[] {"FLUSHDB"};
            } else {
                argv = new String[] {"FLUSHALL"};
            }
            byte[][] bytes = new byte[argv.length][];
            for (int j = 0; j < argv.length; j++) {
                bytes[j] = argv[j].getBytes(StandardCharsets.UTF_8);
            }
            log.add(new LogEntry(ts, r.nextInt(4), bytes));
        }
        return log;
    }

    static String show(Reply reply) {
        if (reply instanceof Reply.Bulk b) {
            return "$" + new String(b.value(), StandardCharsets.UTF_8);
        }
        return reply.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void replicasApplyingTheSameLogAreByteIdentical(long seed) throws IOException {
        List<LogEntry> log = randomLog(seed, 6000);
        Store a = new Store();
        Store b = new Store();
        Store lazy = new Store(); // never purges: expired keys only vanish when a write touches them
        List<String> repliesA = new ArrayList<>();
        List<String> repliesB = new ArrayList<>();
        List<String> repliesLazy = new ArrayList<>();
        int purges = 0;
        for (int i = 0; i < log.size(); i++) {
            LogEntry e = log.get(i);
            repliesA.add(show(apply(a, e)));
            repliesB.add(show(apply(b, e)));
            repliesLazy.add(show(apply(lazy, e)));
            if (i % 37 == 36) {
                // the state machine's periodic expiry, at a log timestamp, identically on both replicas
                purge(a, e.timestamp());
                purge(b, e.timestamp());
                purges++;
            }
        }
        assertTrue(purges > 100);
        assertEquals(repliesA, repliesB);
        assertArrayEquals(snapshot(a), snapshot(b));
        assertEquals(repliesA, repliesLazy, "purging expired keys never changes a reply");

        long end = log.get(log.size() - 1).timestamp();
        purge(a, end);
        purge(lazy, end);
        assertArrayEquals(snapshot(a), snapshot(lazy), "purging expired keys never changes the live state");

        // the log exercised what it should
        assertTrue(repliesA.stream().anyMatch(r -> r.contains("not an integer")));
        assertTrue(repliesA.stream().anyMatch(r -> r.startsWith("$")));
        int live = 0;
        for (int db = 0; db < Store.DATABASES; db++) {
            live += a.db(db).size();
        }
        assertTrue(live > 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void snapshotRestoreThenContinueMatchesUninterrupted(long seed) throws IOException {
        List<LogEntry> log = randomLog(seed, 4000);
        Store straight = new Store();
        Store restarted = new Store();
        for (int i = 0; i < log.size(); i++) {
            apply(straight, log.get(i));
            apply(restarted, log.get(i));
            if (i == 2000) {
                Store restored = new Store();
                StoreSnapshot.read(new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(snapshot(restarted))), restored);
                restarted = restored;
            }
        }
        assertArrayEquals(snapshot(straight), snapshot(restarted));
    }
}
