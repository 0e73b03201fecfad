package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import io.redraft.store.Key;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryGatedPathTest {
    private final InMemoryPath data = new InMemoryPath();
    private final MemoryLimit limit = new MemoryLimit(0, EvictionPolicy.NOEVICTION, data.store::usedBytes);

    /** Evicts (never under noeviction) by deleting keys of db 0 in name order, as a leader's EVICT entry would. */
    private final class DeletingEvictions implements MemoryGatedPath.Evictions {
        boolean exhausted;

        @Override
        public void request() {
            while (limit.policy() != EvictionPolicy.NOEVICTION && limit.overLimit()) {
                var keys = new java.util.TreeSet<>(data.store.db(0).entries().keySet());
                if (keys.isEmpty()) {
                    exhausted = true;
                    return;
                }
                data.store.db(0).remove(keys.first());
            }
        }

        @Override
        public boolean exhausted() {
            return exhausted;
        }
    }

    private static String run(CompletionStage<Reply> r) throws Exception {
        return Replies.show(r.toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    private static byte[][] argv(String... a) {
        return Replies.argv(a);
    }

    @Test
    void noevictionRefusesDenyoomCommandsOnly() throws Exception {
        MemoryGatedPath path = new MemoryGatedPath(data, DataHarness.TABLE, limit, new DeletingEvictions());
        assertEquals("+OK", run(path.write(0, argv("SET", "a", "x".repeat(1000)))));
        limit.setMaxBytes(500);
        String oom = "-OOM command not allowed when used memory > 'maxmemory'.";
        assertEquals(oom, run(path.write(0, argv("SET", "b", "1"))));
        assertEquals(oom, run(path.transaction(0, List.of(argv("INCR", "n"), argv("GET", "a")))));
        assertEquals(":1", run(path.write(0, argv("EXPIRE", "a", "100")))); // not DENYOOM
        assertTrue(run(path.read(0, argv("STRLEN", "a"), (ctx, a) -> Reply.integer(ctx.db().size()), false))
                .equals(":1"));
        assertEquals(":1", run(path.write(0, argv("DEL", "a"))));
        assertEquals("+OK", run(path.write(0, argv("SET", "b", "1"))));
        limit.setMaxBytes(0);
        assertEquals("+OK", run(path.write(0, argv("SET", "c", "x".repeat(1000)))));
    }

    @Test
    void multiRefusesQueueingOverTheLimitUnderNoeviction() {
        TestSession session = new TestSession(3);
        MemoryGatedPath path = new MemoryGatedPath(session.node.data, DataHarness.TABLE,
                new MemoryLimit(1, EvictionPolicy.NOEVICTION, session.node.data.store::usedBytes), new DeletingEvictions());
        CommandExecutor executor = new CommandExecutor(DataHarness.TABLE, path);
        session.node.data.write(0, argv("SET", "a", "1")).toCompletableFuture().join();
        java.util.function.Function<String[], String> exec = a ->
                Replies.show(executor.execute(session, argv(a)).toCompletableFuture().join());
        assertEquals("+OK", exec.apply(new String[] {"MULTI"}));
        assertEquals("-OOM command not allowed when used memory > 'maxmemory'.", exec.apply(new String[] {"GET", "a"}));
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", exec.apply(new String[] {"EXEC"}));
    }

    @Test
    void evictionPolicyMakesWritesWaitForEvictions() throws Exception {
        DeletingEvictions evictions = new DeletingEvictions();
        MemoryGatedPath path = new MemoryGatedPath(data, DataHarness.TABLE, limit, evictions);
        limit.setPolicy(EvictionPolicy.ALLKEYS_LRU);
        limit.setMaxBytes(5_000);
        for (int i = 0; i < 20; i++) {
            assertEquals("+OK", run(path.write(0, argv("SET", "k" + (100 + i), "x".repeat(1000)))));
        }
        assertTrue(data.store.usedBytes() <= 5_000 + 1200, "used " + data.store.usedBytes());
        assertTrue(data.store.db(0).entries().containsKey(new Key(Replies.argv("k119")[0])));
        assertFalse(data.store.db(0).entries().containsKey(new Key(Replies.argv("k100")[0])));
        assertEquals(0, path.waiting());
    }

    @Test
    void nothingLeftToEvictAnswersOom() throws Exception {
        DeletingEvictions evictions = new DeletingEvictions();
        MemoryGatedPath path = new MemoryGatedPath(data, DataHarness.TABLE, limit, evictions);
        assertEquals("+OK", run(path.write(1, argv("SET", "big", "x".repeat(2000))))); // db 1: not evictable here
        limit.setPolicy(EvictionPolicy.VOLATILE_LRU);
        limit.setMaxBytes(1_000);
        assertEquals("-OOM command not allowed when used memory > 'maxmemory'.",
                run(path.write(1, argv("SET", "b", "1"))));
    }
}
