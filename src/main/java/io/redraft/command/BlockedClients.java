package io.redraft.command;

import io.redraft.resp.Reply;
import io.redraft.store.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The clients of this node waiting in a blocking command (BLPOP, BLMOVE, BZPOPMIN, ...).
 *
 * <p>Every pop attempt is an ordinary logged write ({@link BlockingPop}), so replicas stay
 * identical and an element is popped exactly once whoever the leader is. When an attempt finds
 * nothing the client waits here, writing nothing, until this node applies an entry that stored one
 * of its keys ({@link #keysStored}); then, if the key now holds the awaited type, it attempts
 * again. Clients waiting on one key are woken in the order they blocked, so their attempts enter
 * the log in that order (FIFO, as Redis serves them); those that find the element gone block
 * again. A waiter stays registered from its first attempt to its reply, so a key stored while an
 * attempt is in flight triggers another attempt instead of being missed.
 *
 * <p>Ends: the local timer (the timeout reply), CLIENT UNBLOCK, the connection closing, or this
 * node being unable to reach a quorum for longer than an election takes (the CLUSTERDOWN error
 * writes get). An attempt already in flight is never abandoned: if it pops, the client gets the
 * element rather than the timeout.
 */
public final class BlockedClients {
    static final Reply UNBLOCKED = Reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    /** How often waiting clients check that this node can still reach a quorum. */
    private static final long AVAILABILITY_PERIOD_MS = 250;

    /** Timers and wake-ups for every instance; the work on it is short and never blocks. */
    private static final ScheduledExecutorService TIMERS = timers();

    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "blocked-clients");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private enum State { ATTEMPTING, CHECKING, WAITING }

    private record DbKey(int db, Key key) {}

    private static final class Waiter {
        final long sessionId;
        final int db;
        final byte[][] argv;
        final BlockingPop pop;
        final List<Key> keys;
        final CompletableFuture<Reply> reply = new CompletableFuture<>();
        State state = State.ATTEMPTING;
        /** An awaited key was stored while an attempt or check was running: look again after it. */
        boolean stored;
        /** Decided while an attempt was running (timeout, CLIENT UNBLOCK, cluster down); used unless it pops. */
        Reply outcome;
        ScheduledFuture<?> timer;
        boolean done;

        Waiter(long sessionId, int db, byte[][] argv, BlockingPop pop) {
            this.sessionId = sessionId;
            this.db = db;
            this.argv = argv;
            this.pop = pop;
            this.keys = pop.awaitedKeys(argv);
        }
    }

    private final ReplicatedPath replicated;
    private final Supplier<String> unavailableReason;
    private final long unavailableGraceMillis;
    /** Waiters per awaited key, in the order they blocked. */
    private final Map<DbKey, LinkedHashSet<Waiter>> byKey = new HashMap<>();
    private final Map<Long, Waiter> bySession = new HashMap<>();
    /** !bySession.isEmpty(), readable without the lock: most writes wake nobody. */
    private volatile boolean anyWaiting;
    private ScheduledFuture<?> availabilityCheck;
    /** System.nanoTime() since which the node has been unavailable without a break, or -1. */
    private long unavailableSince = -1;

    /**
     * @param unavailableReason why this node cannot serve writes now (null when it can)
     * @param unavailableGraceMillis how long it may be unavailable before waiting clients get
     *     CLUSTERDOWN; longer than an election, so a leader change does not end their wait
     */
    public BlockedClients(ReplicatedPath replicated, Supplier<String> unavailableReason, long unavailableGraceMillis) {
        this.replicated = replicated;
        this.unavailableReason = unavailableReason;
        this.unavailableGraceMillis = unavailableGraceMillis;
    }

    /** Runs a blocking command outside MULTI: attempts it, and waits for its keys while it finds nothing. */
    CompletionStage<Reply> block(Session session, BlockingPop pop, byte[][] argv) {
        Waiter w = new Waiter(session.id(), session.db(), argv, pop);
        BlockingTimeout timeout = pop.timeout(argv);
        synchronized (this) {
            register(w);
            if (timeout.error() == null && !timeout.forever()) {
                w.timer = TIMERS.schedule(() -> settle(w, w.pop.timeoutReply()), timeout.millis(), TimeUnit.MILLISECONDS);
            }
        }
        attempt(w);
        return w.reply;
    }

    /**
     * This node applied entries that stored {@code keys} in {@code db} (called after apply, outside
     * the store lock). The waiters are woken on the timer thread, never on the caller's.
     */
    public void keysStored(int db, Collection<Key> keys) {
        // A client that registers after this check attempts at a later log index than the store.
        if (anyWaiting) {
            TIMERS.execute(() -> wake(db, keys));
        }
    }

    /** The whole store was replaced (a snapshot was installed): every waiter looks again. */
    public void storeReplaced() {
        TIMERS.execute(() -> {
            List<Waiter> all;
            synchronized (this) {
                all = new ArrayList<>(bySession.values());
            }
            for (Waiter w : all) {
                for (Key key : w.keys) {
                    wake(w.db, List.of(key));
                }
            }
        });
    }

    /** CLIENT UNBLOCK: true when the client was blocked here. */
    public boolean unblock(long sessionId, boolean withError) {
        Waiter w;
        synchronized (this) {
            w = bySession.get(sessionId);
        }
        return w != null && settle(w, withError ? UNBLOCKED : w.pop.timeoutReply());
    }

    /** The connection closed: forget its waiter (an attempt already in flight still runs). */
    public void connectionClosed(long sessionId) {
        Waiter w;
        synchronized (this) {
            w = bySession.get(sessionId);
            if (w != null) {
                finish(w);
            }
        }
        if (w != null) {
            w.reply.complete(w.pop.timeoutReply());
        }
    }

    /** Number of clients blocked here (for tests and introspection). */
    public synchronized int size() {
        return bySession.size();
    }

    /** Waits until the wake-ups and timers queued so far have run (for tests). */
    void settleQueued() throws InterruptedException, ExecutionException, TimeoutException {
        TIMERS.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- the waiter's life

    private void attempt(Waiter w) {
        CompletionStage<Reply> result;
        try {
            result = replicated.write(w.db, w.argv);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(Reply.error("ERR " + e));
        }
        result.whenComplete((reply, error) -> attempted(w, error == null ? reply : Reply.error("ERR " + error)));
    }

    private void attempted(Waiter w, Reply reply) {
        Reply answer = null;
        boolean look = false;
        synchronized (this) {
            if (w.done) {
                return;
            }
            if (!BlockingPop.foundNothing(reply)) {
                answer = reply;
            } else if (w.outcome != null) {
                answer = w.outcome;
            } else if (w.stored) {
                w.stored = false;
                w.state = State.CHECKING;
                look = true;
            } else {
                w.state = State.WAITING;
            }
            if (answer != null) {
                finish(w);
            }
        }
        if (answer != null) {
            w.reply.complete(answer);
        } else if (look) {
            check(w);
        }
    }

    /** Looks at local state (no log write) to see whether an attempt could pop now. */
    private void check(Waiter w) {
        CompletionStage<Reply> ready;
        try {
            ready = replicated.read(w.db, w.argv, w.pop.ready(), true);
        } catch (RuntimeException e) {
            ready = CompletableFuture.completedFuture(Reply.error("ERR " + e));
        }
        ready.whenComplete((reply, error) -> checked(w, error == null ? reply : Reply.error("ERR " + error)));
    }

    private void checked(Waiter w, Reply ready) {
        Reply answer = null;
        boolean attempt = false;
        boolean lookAgain = false;
        synchronized (this) {
            if (w.done) {
                return;
            }
            if (ready instanceof Reply.Error) {
                answer = ready; // e.g. this node has no state machine any more
            } else if (ready instanceof Reply.Int i && i.value() == 1) {
                w.state = State.ATTEMPTING;
                w.stored = false;
                attempt = true;
            } else if (w.outcome != null) {
                answer = w.outcome;
            } else if (w.stored) {
                w.stored = false;
                lookAgain = true;
            } else {
                w.state = State.WAITING;
            }
            if (answer != null) {
                finish(w);
            }
        }
        if (answer != null) {
            w.reply.complete(answer);
        } else if (attempt) {
            attempt(w);
        } else if (lookAgain) {
            check(w);
        }
    }

    /** Wakes the waiters of the stored keys, oldest first; they look before attempting. */
    void wake(int db, Collection<Key> keys) {
        LinkedHashSet<Waiter> toCheck = new LinkedHashSet<>();
        synchronized (this) {
            for (Key key : keys) {
                LinkedHashSet<Waiter> waiters = byKey.get(new DbKey(db, key));
                if (waiters == null) {
                    continue;
                }
                for (Waiter w : waiters) {
                    if (w.state == State.WAITING) {
                        w.state = State.CHECKING;
                        toCheck.add(w);
                    } else if (!toCheck.contains(w)) {
                        w.stored = true;
                    }
                }
            }
        }
        for (Waiter w : toCheck) {
            check(w);
        }
    }

    /**
     * Ends a wait with {@code outcome} now if the client is only waiting, or after the running
     * attempt if that attempt finds nothing. False when the waiter had already ended.
     */
    private boolean settle(Waiter w, Reply outcome) {
        synchronized (this) {
            if (w.done) {
                return false;
            }
            if (w.state != State.WAITING) {
                if (w.outcome == null) {
                    w.outcome = outcome;
                }
                return true;
            }
            finish(w);
        }
        w.reply.complete(outcome);
        return true;
    }

    // ---------------------------------------------------------------- registry (lock held)

    private void register(Waiter w) {
        bySession.put(w.sessionId, w);
        anyWaiting = true;
        for (Key key : w.keys) {
            byKey.computeIfAbsent(new DbKey(w.db, key), k -> new LinkedHashSet<>()).add(w);
        }
        if (availabilityCheck == null) {
            availabilityCheck = TIMERS.scheduleWithFixedDelay(this::checkAvailability,
                    AVAILABILITY_PERIOD_MS, AVAILABILITY_PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void finish(Waiter w) {
        w.done = true;
        if (w.timer != null) {
            w.timer.cancel(false);
        }
        bySession.remove(w.sessionId, w);
        anyWaiting = !bySession.isEmpty();
        for (Key key : w.keys) {
            DbKey k = new DbKey(w.db, key);
            LinkedHashSet<Waiter> waiters = byKey.get(k);
            if (waiters != null && waiters.remove(w) && waiters.isEmpty()) {
                byKey.remove(k);
            }
        }
        if (bySession.isEmpty() && availabilityCheck != null) {
            availabilityCheck.cancel(false);
            availabilityCheck = null;
            unavailableSince = -1;
        }
    }

    /** A node cut off from the quorum for longer than the grace ends its waits with CLUSTERDOWN. */
    private void checkAvailability() {
        String reason = unavailableReason.get();
        List<Waiter> waiters;
        synchronized (this) {
            long now = System.nanoTime();
            if (reason == null) {
                unavailableSince = -1;
                return;
            }
            if (unavailableSince == -1) {
                unavailableSince = now;
            }
            if (now - unavailableSince < TimeUnit.MILLISECONDS.toNanos(unavailableGraceMillis)) {
                return;
            }
            waiters = new ArrayList<>(bySession.values());
        }
        Reply down = Reply.error("CLUSTERDOWN " + reason);
        for (Waiter w : waiters) {
            settle(w, down);
        }
    }
}
