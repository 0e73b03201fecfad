package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.CommandTable;
import io.redraft.command.ExecContext;
import io.redraft.command.ReplicatedExecution;
import io.redraft.command.WatchedKey;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyCodec;
import io.redraft.store.ModifiedKeys;
import io.redraft.store.Store;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas must take the same EXEC/abort decisions for watched blocks, including one restored
 * from a snapshot midway. Applies one generated log (through the entry format) to a replica that
 * runs it all, and to one that snapshots midway and continues from a fresh store loaded from it.
 */
class WatchDeterminismTest {
    private static final CommandTable TABLE = CommandTable.standard();
    /** Small, so the bounded table evicts and the watermark comes into play. */
    private static final int CAPACITY = 40;

    @TempDir
    Path dir;

    /** One log entry: a batch of requests, or (null batch) an expiry sweep. */
    private record LogEntry(long index, long time, byte[] batch) {}

    /** A replica as the state machine runs one: store, clock, the replies of watched blocks. */
    private static final class Replica {
        Store store = new Store(new ModifiedKeys(CAPACITY));
        final ReplicatedExecution execution = new ReplicatedExecution(TABLE);
        long clock;
        final List<String> decisions = new ArrayList<>();

        void apply(LogEntry e) throws IOException {
            store.modifications().begin(e.index());
            clock = Math.max(clock, e.time());
            if (e.batch() == null) {
                for (int db = 0; db < Store.DATABASES; db++) {
                    store.db(db).removeExpired(clock);
                }
                return;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(e.batch()));
            assertEquals(LogOp.COMMANDS.ordinal(), in.readUnsignedByte());
            for (CommandBatch.Request r : CommandBatch.decode(in)) {
                ExecContext ctx = new ExecContext(store, r.db(), clock);
                if (r.block()) {
                    Reply reply = execution.block(ctx, r.commands(), r.watched());
                    decisions.add(e.index() + (reply instanceof Reply.Null ? ":aborted"
                            : ":ran " + new String(ReplyCodec.toBytes(List.of(reply)), StandardCharsets.ISO_8859_1)));
                } else {
                    execution.write(ctx, r.commands().get(0));
                }
            }
        }

        byte[] snapshot(File file) throws IOException {
            SnapshotFile.write(file, store, new SnapshotFile.Meta(clock, Map.of()));
            return Files.readAllBytes(file.toPath());
        }
    }

    @Test
    void aRestoredReplicaDecidesLikeOneThatAppliedEverything() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            List<LogEntry> log = generate(new Random(seed), 600);
            Replica full = new Replica();
            Replica restored = new Replica();
            int mid = log.size() / 2;
            for (int i = 0; i < log.size(); i++) {
                full.apply(log.get(i));
                if (i < mid) {
                    restored.apply(log.get(i));
                } else if (i == mid) {
                    File file = dir.resolve("snap-" + seed).toFile();
                    restored.snapshot(file);
                    List<String> before = restored.decisions;
                    Replica fresh = new Replica();
                    fresh.store.lock().writeLock().lock();
                    try {
                        Meta meta = read(file, fresh.store);
                        fresh.clock = meta.clock();
                        fresh.store.modifications().restoredAt(log.get(i - 1).index());
                    } finally {
                        fresh.store.lock().writeLock().unlock();
                    }
                    fresh.decisions.addAll(before);
                    restored = fresh;
                    restored.apply(log.get(i));
                } else {
                    restored.apply(log.get(i));
                }
            }
            assertEquals(full.decisions, restored.decisions, "seed " + seed);
            long aborted = full.decisions.stream().filter(d -> d.endsWith(":aborted")).count();
            assertTrue(aborted > 10 && aborted < full.decisions.size() - 10,
                    "seed " + seed + ": both outcomes must occur, " + aborted + " of " + full.decisions.size());
            assertTrue(full.store.modifications().watermark() > 0, "the bounded table evicted");
            assertArrayEquals(full.snapshot(dir.resolve("a").toFile()), restored.snapshot(dir.resolve("b").toFile()),
                    "seed " + seed + ": identical state, tracking table included");
        }
    }

    private record Meta(long clock) {}

    private static Meta read(File file, Store store) throws IOException {
        return new Meta(SnapshotFile.read(file, store).clock());
    }

    /** Writes on a few keys in two databases, sweeps, and watched blocks watching recent positions. */
    private static List<LogEntry> generate(Random random, int entries) {
        List<LogEntry> log = new ArrayList<>();
        long time = 1_000_000;
        long index = 0;
        for (int i = 0; i < entries; i++) {
            index += 1 + random.nextInt(2); // gaps, as Ratis's own entries leave
            time += random.nextInt(40);
            if (random.nextInt(10) == 0) {
                log.add(new LogEntry(index, time, null));
                continue;
            }
            List<CommandBatch.Request> requests = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int r = 0; r < n; r++) {
                int db = random.nextInt(2);
                if (random.nextInt(3) == 0 && index > 2) {
                    List<WatchedKey> watched = new ArrayList<>();
                    int keys = 1 + random.nextInt(2);
                    for (int w = 0; w < keys; w++) {
                        long point = Math.max(0, index - 1 - random.nextInt(12));
                        watched.add(new WatchedKey(random.nextInt(2), key(random), point, random.nextInt(5) == 0));
                    }
                    requests.add(new CommandBatch.Request(db, true, List.of(write(random), argv("GET", new String(key(random), StandardCharsets.UTF_8))), watched));
                } else {
                    requests.add(CommandBatch.Request.single(db, write(random)));
                }
            }
            log.add(new LogEntry(index, time, CommandBatch.encode(requests)));
        }
        return log;
    }

    private static byte[] key(Random random) {
        return ("k" + random.nextInt(10)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] write(Random random) {
        String k = new String(key(random), StandardCharsets.UTF_8);
        String v = Integer.toString(random.nextInt(3));
        return switch (random.nextInt(12)) {
            case 0 -> argv("SET", k, v);
            case 1 -> argv("SET", k, v, "NX");
            case 2 -> argv("SET", k, v, "PX", Integer.toString(20 + random.nextInt(100)));
            case 3 -> argv("DEL", k);
            case 4 -> argv("SADD", "s" + k, v);
            case 5 -> argv("SREM", "s" + k, v);
            case 6 -> argv("HSET", "h" + k, "f", v);
            case 7 -> argv("LPUSH", "l" + k, v);
            case 8 -> argv("LPOP", "l" + k);
            case 9 -> argv("PEXPIRE", k, Integer.toString(10 + random.nextInt(80)));
            case 10 -> random.nextInt(8) == 0 ? argv("FLUSHDB") : argv("INCR", "n" + k);
            default -> argv("APPEND", k, v);
        };
    }

    private static byte[][] argv(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return argv;
    }
}
