package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * CLIENT PAUSE on this node, as Redis 7 does it: until the pause ends (timeout or CLIENT
 * UNPAUSE) commands are postponed, every command in ALL mode (CLIENT UNPAUSE included), only
 * writes (and EXEC of a block holding one) in WRITE mode. Postponed commands run in arrival
 * order when the pause ends, so each connection's order holds.
 */
public final class ClientPause implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "client-pause");
        t.setDaemon(true);
        return t;
    });
    private final ArrayDeque<Runnable> postponed = new ArrayDeque<>();
    private long until;
    private boolean all;
    private ScheduledFuture<?> end;

    /** Pauses for {@code millis} more (a longer or stronger running pause is kept). */
    public synchronized void pause(long millis, boolean allCommands) {
        long newUntil = System.currentTimeMillis() + millis;
        if (!paused()) {
            all = allCommands;
            until = newUntil;
        } else {
            all |= allCommands;
            until = Math.max(until, newUntil);
        }
        if (end != null) {
            end.cancel(false);
        }
        end = timer.schedule(this::unpause, Math.max(0, until - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    /** Ends the pause and runs the postponed commands in order. */
    public void unpause() {
        ArrayDeque<Runnable> ready;
        synchronized (this) {
            until = 0;
            all = false;
            ready = new ArrayDeque<>(postponed);
            postponed.clear();
        }
        ready.forEach(Runnable::run);
    }

    private boolean paused() {
        return until != 0 && System.currentTimeMillis() < until;
    }

    /**
     * Null when {@code spec} may run now; otherwise a reply that completes once the command,
     * run by {@code run} after the pause, has completed.
     */
    CompletionStage<Reply> postponeIfPaused(CommandSpec spec, Session session, Supplier<CompletionStage<Reply>> run) {
        synchronized (this) {
            if (!paused() || !(all || writes(spec, session))) {
                return null;
            }
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            postponed.add(() -> run.get().whenComplete((r, e) -> {
                if (e != null) {
                    reply.completeExceptionally(e);
                } else {
                    reply.complete(r);
                }
            }));
            return reply;
        }
    }

    private static boolean writes(CommandSpec spec, Session session) {
        if (spec.isWrite()) {
            return true;
        }
        Transaction tx = session.transaction();
        if (spec.name().equals("exec") && tx != null) {
            CommandTable table = session.node() == null ? CommandTable.standard() : session.node().commands();
            for (byte[][] argv : tx.queued()) {
                CommandSpec queued = table.lookup(argv[0]);
                if (queued != null && queued.isWrite()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
