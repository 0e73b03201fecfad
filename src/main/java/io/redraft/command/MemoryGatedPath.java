package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Enforces maxmemory before a write reaches the log, on the node that received it, so the heap
 * cannot grow without bound. Under {@code noeviction} a DENYOOM command (or an EXEC block holding
 * one) over the limit is refused with Redis's -OOM error; deletes and reads pass. Under an
 * eviction policy such writes wait, in arrival order, until evictions (proposed by the leader's
 * {@code Evictor} and applied through the log) bring memory back under the limit; while any write
 * waits, later writes queue behind it so one connection's writes keep their order.
 */
public final class MemoryGatedPath implements ReplicatedPath, AutoCloseable {
    /** How long a write waits for evictions before it is refused with -OOM. */
    static final long MAX_WAIT_MS = 5_000;

    /** Asks for evictions; tells whether the last attempt found nothing it may evict. */
    public interface Evictions {
        void request();

        boolean exhausted();
    }

    private record Waiting(boolean denyoom, Supplier<CompletionStage<Reply>> send,
                           CompletableFuture<Reply> reply, long since) {}

    private final ReplicatedPath next;
    private final CommandTable table;
    private final MemoryLimit limit;
    private final Evictions evictions;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "memory-gate");
        t.setDaemon(true);
        return t;
    });

    public MemoryGatedPath(ReplicatedPath next, CommandTable table, MemoryLimit limit, Evictions evictions) {
        this.next = next;
        this.table = table;
        this.limit = limit;
        this.evictions = evictions;
        timer.scheduleWithFixedDelay(this::pump, 10, 10, TimeUnit.MILLISECONDS);
    }

    public MemoryLimit limit() {
        return limit;
    }

    @Override
    public CompletionStage<Reply> write(int db, byte[][] argv) {
        return admit(denyoom(argv), () -> next.write(db, argv));
    }

    @Override
    public CompletionStage<Reply> write(int db, byte[][] argv, String user) {
        return admit(denyoom(argv), () -> next.write(db, argv, user));
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched) {
        return transaction(db, commands, watched, null);
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched,
                                              String user) {
        boolean denyoom = false;
        for (byte[][] argv : commands) {
            denyoom |= denyoom(argv);
        }
        return admit(denyoom, () -> user == null ? next.transaction(db, commands, watched)
                : next.transaction(db, commands, watched, user));
    }

    @Override
    public CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale) {
        return next.read(db, argv, handler, stale);
    }

    private boolean denyoom(byte[][] argv) {
        CommandSpec spec = table.lookup(argv[0]);
        return spec != null && spec.flags().contains(CommandFlag.DENYOOM);
    }

    private CompletionStage<Reply> admit(boolean denyoom, Supplier<CompletionStage<Reply>> send) {
        synchronized (queue) {
            if (queue.isEmpty()) {
                if (!denyoom || !limit.overLimit()) {
                    return send.get();
                }
                if (limit.policy() == EvictionPolicy.NOEVICTION || evictions.exhausted()) {
                    evictions.request();
                    return CompletableFuture.completedFuture(MemoryLimit.OOM);
                }
            }
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            queue.add(new Waiting(denyoom, send, reply, System.currentTimeMillis()));
            evictions.request();
            return reply;
        }
    }

    /** Releases waiting writes in order while memory allows; refuses those that waited too long. */
    void pump() {
        synchronized (queue) {
            while (!queue.isEmpty()) {
                Waiting head = queue.peek();
                if (head.denyoom() && limit.overLimit()) {
                    boolean giveUp = limit.policy() == EvictionPolicy.NOEVICTION || evictions.exhausted()
                            || System.currentTimeMillis() - head.since() > MAX_WAIT_MS;
                    if (!giveUp) {
                        evictions.request();
                        return;
                    }
                    queue.poll();
                    head.reply().complete(MemoryLimit.OOM);
                    continue;
                }
                queue.poll();
                head.send().get().whenComplete((r, e) -> {
                    if (e != null) {
                        head.reply().completeExceptionally(e);
                    } else {
                        head.reply().complete(r);
                    }
                });
            }
        }
    }

    /** True when a command queued inside MULTI must be refused: over the limit with no eviction to wait for. */
    public boolean refusesQueueing() {
        return limit.overLimit() && (limit.policy() == EvictionPolicy.NOEVICTION || evictions.exhausted());
    }

    /** Stops the timer; writes still waiting are refused. */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (queue) {
            for (Waiting w : queue) {
                w.reply().complete(MemoryLimit.OOM);
            }
            queue.clear();
        }
    }

    /** Writes waiting for memory right now. */
    public int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }
}
