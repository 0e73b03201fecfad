package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import io.redraft.store.Key;
import io.redraft.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The waiting registry over one in-memory replica that reports stored keys as the state machine does. */
class BlockedClientsTest {

    /** A replica: writes apply at once; each applied write reports its stored keys after it. */
    static final class NotifyingPath implements ReplicatedPath {
        final Store store = new Store();
        final ReplicatedExecution execution = new ReplicatedExecution(DataHarness.TABLE);
        final List<String> logged = new ArrayList<>();
        BlockedClients blocked;
        /** When set, write replies are held back until {@link #release} (a slow round trip). */
        boolean holdReplies;
        final List<Runnable> held = new ArrayList<>();

        NotifyingPath() {
            store.recordStoredKeys();
        }

        @Override
        public synchronized CompletionStage<Reply> write(int db, byte[][] argv) {
            logged.add(new String(argv[0]));
            Reply reply = execution.write(new ExecContext(store, db, DataHarness.T0), argv);
            Map<Integer, Set<Key>> stored = store.takeStoredKeys();
            stored.forEach(blocked::keysStored);
            CompletableFuture<Reply> f = new CompletableFuture<>();
            if (holdReplies) {
                held.add(() -> f.complete(reply));
            } else {
                f.complete(reply);
            }
            return f;
        }

        void release() {
            List<Runnable> now = new ArrayList<>(held);
            held.clear();
            now.forEach(Runnable::run);
        }

        @Override
        public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale) {
            return CompletableFuture.completedFuture(handler.read(new ExecContext(store, db, DataHarness.T0), argv));
        }

        long count(String command) {
            return logged.stream().filter(command::equalsIgnoreCase).count();
        }
    }

    final NotifyingPath path = new NotifyingPath();
    final AtomicReference<String> down = new AtomicReference<>();
    final BlockedClients blocked = new BlockedClients(path, down::get, 300);
    final CommandExecutor executor = new CommandExecutor(DataHarness.TABLE, path, blocked);

    {
        path.blocked = blocked;
    }

    CompletableFuture<Reply> send(long client, String... args) {
        return executor.execute(new TestSession(client), Replies.argv(args)).toCompletableFuture();
    }

    static String await(CompletableFuture<Reply> f) throws Exception {
        return Replies.show(f.get(10, TimeUnit.SECONDS));
    }

    @Test
    void servedByALaterPush() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BLPOP", "a", "b", "0");
        blocked.settleQueued();
        assertFalse(pop.isDone());
        assertEquals(1, blocked.size());
        send(2, "RPUSH", "b", "x");
        assertEquals("[\"b\", \"x\"]", await(pop));
        assertEquals(0, blocked.size());
        assertEquals("(nil)", Replies.show(send(3, "LPOP", "b").get()));
    }

    @Test
    void swapdbBringingAListServesTheWaiter() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0");
        TestSession other = new TestSession(2);
        executor.execute(other, Replies.argv("SELECT", "1")).toCompletableFuture().get();
        executor.execute(other, Replies.argv("RPUSH", "k", "from-db1")).toCompletableFuture().get();
        blocked.settleQueued();
        assertFalse(pop.isDone()); // db 1's list is not db 0's
        send(3, "SWAPDB", "0", "1");
        assertEquals("[\"k\", \"from-db1\"]", await(pop));
    }

    @Test
    void waitersAreServedInTheOrderTheyBlocked() throws Exception {
        CompletableFuture<Reply> first = send(1, "BLPOP", "k", "0");
        CompletableFuture<Reply> second = send(2, "BRPOP", "k", "0");
        CompletableFuture<Reply> third = send(3, "BLMOVE", "k", "dst", "LEFT", "LEFT", "0");
        send(9, "RPUSH", "k", "one");
        assertEquals("[\"k\", \"one\"]", await(first));
        blocked.settleQueued();
        assertFalse(second.isDone()); // woken too, found the list gone, blocked again
        assertFalse(third.isDone());
        send(9, "RPUSH", "k", "two");
        assertEquals("[\"k\", \"two\"]", await(second));
        send(9, "RPUSH", "k", "three", "four");
        assertEquals("\"three\"", await(third));
        assertEquals("[\"four\"]", Replies.show(send(9, "LRANGE", "k", "0", "-1").get()));
        assertEquals(0, blocked.size());
    }

    @Test
    void aKeyOfAnotherTypeWakesNobodyAndWritesNothing() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0");
        long attempts = path.count("BLPOP");
        send(9, "SET", "k", "string");
        blocked.settleQueued();
        assertFalse(pop.isDone());
        assertEquals(attempts, path.count("BLPOP"));
        send(9, "DEL", "k");
        send(9, "ZADD", "k", "1", "m");
        blocked.settleQueued();
        assertFalse(pop.isDone());
        send(9, "DEL", "k");
        send(9, "LPUSH", "k", "v");
        assertEquals("[\"k\", \"v\"]", await(pop));
    }

    @Test
    void bzpopminServedByZadd() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BZPOPMIN", "z", "0");
        send(9, "ZADD", "z", "2", "b", "1", "a");
        assertEquals("[\"z\", \"a\", ,1.0]", await(pop));
    }

    @Test
    void timeoutAnswersTheNullOfTheCommand() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0.2");
        CompletableFuture<Reply> move = send(2, "BLMOVE", "k", "d", "LEFT", "LEFT", "0.2");
        assertEquals(Reply.NULL_ARRAY, pop.get(10, TimeUnit.SECONDS));
        assertEquals(Reply.NULL_ARRAY, move.get(10, TimeUnit.SECONDS)); // *-1 on timeout, as Redis; $-1 in MULTI
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(0, blocked.size());
    }

    @Test
    void badArgumentsAnswerAtOnce() throws Exception {
        assertEquals("-ERR timeout is negative", await(send(1, "BLPOP", "k", "-1")));
        assertEquals("-ERR numkeys should be greater than 0", await(send(1, "BLMPOP", "0", "0", "k", "LEFT")));
        assertEquals(0, blocked.size());
    }

    @Test
    void clientUnblockWithTimeoutOrError() throws Exception {
        CompletableFuture<Reply> a = send(1, "BLPOP", "k", "0");
        CompletableFuture<Reply> b = send(2, "BLPOP", "k", "0");
        assertTrue(blocked.unblock(1, false));
        assertEquals(Reply.NULL_ARRAY, a.get(10, TimeUnit.SECONDS));
        assertTrue(blocked.unblock(2, true));
        assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK", await(b));
        assertFalse(blocked.unblock(2, true));
    }

    @Test
    void clientUnblockCommand() throws Exception {
        TestSession s = new TestSession(7);
        CompletableFuture<Reply> pop = new CommandExecutor(DataHarness.TABLE, s.node.data, s.node.blocked)
                .execute(s, Replies.argv("BLPOP", "k", "0")).toCompletableFuture();
        TestSession admin = new TestSession(8);
        assertEquals("-ERR value is not an integer or out of range", admin.run("CLIENT", "UNBLOCK", "x"));
        assertEquals("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR", admin.run("CLIENT", "UNBLOCK", "7", "foo"));
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'UNBLOCK'. Try CLIENT HELP.",
                admin.run("CLIENT", "UNBLOCK", "7", "timeout", "x"));
        assertEquals("-ERR wrong number of arguments for 'client|unblock' command", admin.run("CLIENT", "UNBLOCK"));
        assertEquals(":0", admin.run("CLIENT", "UNBLOCK", "7")); // another node's registry: not blocked there
        assertFalse(pop.isDone());
        assertEquals(":1", s.run("CLIENT", "UNBLOCK", "7", "ERROR")); // the node it is blocked on
        assertEquals(":0", s.run("CLIENT", "UNBLOCK", "7"));
        assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK", await(pop));
    }

    @Test
    void aClosedConnectionIsForgotten() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0");
        TestSession session = new TestSession(1);
        executor.connectionClosed(session);
        assertEquals(0, blocked.size());
        long attempts = path.count("BLPOP");
        send(9, "RPUSH", "k", "v");
        blocked.settleQueued();
        assertEquals(attempts, path.count("BLPOP"));
        assertEquals("[\"v\"]", Replies.show(send(9, "LRANGE", "k", "0", "-1").get()));
        assertTrue(pop.isDone());
    }

    @Test
    void aKeyStoredWhileAnAttemptIsInFlightIsNotMissed() throws Exception {
        path.holdReplies = true;
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0"); // applied (nothing), reply held
        path.holdReplies = false;
        send(9, "RPUSH", "k", "v"); // stored before the waiter heard its attempt found nothing
        blocked.settleQueued();
        assertFalse(pop.isDone());
        path.release();
        assertEquals("[\"k\", \"v\"]", await(pop));
    }

    @Test
    void aTimeoutDuringAnAttemptThatPopsDeliversTheElement() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0.3");
        path.holdReplies = true;
        send(9, "RPUSH", "k", "v"); // wakes the waiter; its attempt pops, but the reply is slow
        blocked.settleQueued();
        Thread.sleep(500); // the timer fires while the attempt is in flight
        assertFalse(pop.isDone());
        path.holdReplies = false;
        path.release();
        assertEquals("[\"k\", \"v\"]", await(pop));
    }

    @Test
    void aNodeCutOffLongerThanTheGraceEndsWaitsWithClusterdown() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0");
        down.set("no leader (an election is in progress or a majority is unreachable)");
        assertEquals("-CLUSTERDOWN no leader (an election is in progress or a majority is unreachable)",
                await(pop));
        assertEquals(0, blocked.size());
    }

    @Test
    void aShortOutageDoesNotEndWaits() throws Exception {
        CompletableFuture<Reply> pop = send(1, "BLPOP", "k", "0");
        down.set("lost contact with the leader");
        Thread.sleep(100);
        down.set(null);
        Thread.sleep(600);
        assertFalse(pop.isDone());
        send(9, "RPUSH", "k", "v");
        assertEquals("[\"k\", \"v\"]", await(pop));
    }
}
