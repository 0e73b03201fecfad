package io.redraft.raft;

import io.redraft.command.ExecContext;
import io.redraft.command.Handler;
import io.redraft.command.ReplicatedPath;
import io.redraft.command.WatchedKey;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyCodec;
import io.redraft.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path through Raft. Writes from every client are gathered into one log entry while
 * earlier entries are in flight; reads waiting at the same moment share one ReadIndex barrier.
 * The batch, not the command, is the unit of replication.
 */
public final class ReplicatedStore implements ReplicatedPath {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedStore.class);
    /** Entries in flight at once; Ratis's ordered client keeps them in submission order. */
    private static final int MAX_ENTRIES_IN_FLIGHT = 8;
    private static final int MAX_BATCH_COMMANDS = 4096;
    private static final int MAX_BATCH_BYTES = 4 << 20;

    private final RaftNode node;
    private final BatchStats stats = new BatchStats();
    /**
     * Ratis completes futures on its own threads, sometimes while holding its locks; handling
     * them here instead, never inline, keeps our lock out of Ratis's lock order (no deadlock).
     */
    private final ExecutorService completions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raft-completions");
        t.setDaemon(true);
        return t;
    });

    /**
     * Ratis's local submit blocks its caller until Ratis's client executor has appended the
     * entry (RaftServerImpl.executeSubmitClientRequestAsync joins), a thread hop plus Ratis's
     * server lock. Entries are therefore submitted from this one thread,
     * outside our lock and in queue order: I/O threads only enqueue, and the commands arriving
     * meanwhile join the next, larger batch. Only an idle pipeline's first entry is submitted
     * by its caller (see append).
     */
    private final ExecutorService submitter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raft-submit");
        t.setDaemon(true);
        return t;
    });

    private record PendingWrite(CommandBatch.Request request, CompletableFuture<Reply> reply) {}

    private record PendingRead(int db, byte[][] argv, Handler.Read handler, CompletableFuture<Reply> reply) {}

    private List<PendingWrite> writeQueue = new ArrayList<>();
    private int entriesInFlight;
    /** A {@link #submitQueued} run is scheduled or running on the submitter. */
    private boolean submitting;
    private List<PendingRead> readQueue = new ArrayList<>();
    private boolean barrierInFlight;

    public ReplicatedStore(RaftNode node) {
        this.node = node;
    }

    @Override
    public CompletionStage<Reply> write(int db, byte[][] argv) {
        return append(CommandBatch.Request.single(db, argv));
    }

    @Override
    public CompletionStage<Reply> write(int db, byte[][] argv, String user) {
        return append(CommandBatch.Request.single(db, argv).as(user));
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched) {
        return append(new CommandBatch.Request(db, true, commands, watched));
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched,
                                              String user) {
        return append(new CommandBatch.Request(db, true, commands, watched).as(user));
    }

    private CompletionStage<Reply> append(CommandBatch.Request request) {
        String down = node.unavailableReason();
        if (down != null) {
            return CompletableFuture.completedFuture(clusterDown(down));
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        boolean idle;
        synchronized (this) {
            writeQueue.add(new PendingWrite(request, reply));
            // An idle pipeline (a lone client) submits on the caller: no hand-off to raft-submit.
            idle = !submitting && entriesInFlight == 0;
            if (idle) {
                submitting = true;
            } else {
                sendWrites();
            }
        }
        if (idle) {
            submitOneBatch();
        }
        return reply;
    }

    /** Has the submitter send queued writes if the pipeline has room; called with the lock held. */
    private void sendWrites() {
        if (!submitting && entriesInFlight < MAX_ENTRIES_IN_FLIGHT && !writeQueue.isEmpty()) {
            submitting = true;
            submitter.execute(this::submitQueued);
        }
    }

    /** On the submitter: sends queued writes, one entry per batch, while the pipeline has room. */
    private void submitQueued() {
        while (true) {
            List<PendingWrite> batch;
            synchronized (this) {
                if (entriesInFlight >= MAX_ENTRIES_IN_FLIGHT || writeQueue.isEmpty()) {
                    submitting = false;
                    return;
                }
                batch = takeBatch();
                entriesInFlight++;
            }
            submitBatch(batch);
        }
    }

    /** On the caller, with {@code submitting} set: one entry, then the submitter takes over. */
    private void submitOneBatch() {
        List<PendingWrite> batch;
        synchronized (this) {
            batch = takeBatch();
            entriesInFlight++;
        }
        try {
            submitBatch(batch);
        } finally {
            synchronized (this) {
                submitting = false;
                sendWrites();
            }
        }
    }

    private void submitBatch(List<PendingWrite> batch) {
        List<CommandBatch.Request> requests = new ArrayList<>(batch.size());
        for (PendingWrite w : batch) {
            requests.add(w.request());
        }
        long sentAt = System.nanoTime();
        CompletableFuture<ByteString> applied;
        try {
            applied = node.submit(CommandBatch.encode(requests));
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        applied.whenCompleteAsync((result, error) -> {
            long took = System.nanoTime() - sentAt;
            stats.writeEntry(batch.size(), took);
            node.observer().entryCommitted(batch.size(), took);
            synchronized (this) {
                entriesInFlight--;
                sendWrites();
                notifyAll(); // awaitIdle
            }
            completeWrites(batch, result, error);
        }, completions);
    }

    private static void completeWrites(List<PendingWrite> batch, ByteString result, Throwable error) {
        if (error != null) {
            Reply failure = writeFailure(error);
            batch.forEach(w -> w.reply().complete(failure));
            return;
        }
        try {
            List<Reply> replies = ReplyCodec.listFromBytes(result.toByteArray());
            if (replies.size() != batch.size()) {
                throw new IllegalStateException(replies.size() + " replies for " + batch.size() + " commands");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).reply().complete(replies.get(i));
            }
        } catch (RuntimeException e) {
            LOG.error("cannot decode the replies of an applied batch", e);
            Reply failure = Reply.error("ERR the write was applied but its reply was lost: " + brief(e));
            batch.forEach(w -> w.reply().complete(failure));
        }
    }

    private List<PendingWrite> takeBatch() {
        if (writeQueue.size() <= MAX_BATCH_COMMANDS) {
            List<PendingWrite> all = writeQueue;
            if (batchBytes(all, all.size()) <= MAX_BATCH_BYTES || all.size() == 1) {
                writeQueue = new ArrayList<>();
                return all;
            }
        }
        int n = 0;
        long bytes = 0;
        while (n < writeQueue.size() && n < MAX_BATCH_COMMANDS) {
            bytes += writeQueue.get(n).request().encodedSize();
            if (bytes > MAX_BATCH_BYTES && n > 0) {
                break;
            }
            n++;
        }
        List<PendingWrite> head = new ArrayList<>(writeQueue.subList(0, n));
        writeQueue.subList(0, n).clear();
        return head;
    }

    private static long batchBytes(List<PendingWrite> writes, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += writes.get(i).request().encodedSize();
        }
        return bytes;
    }

    /** Waits (at most {@code timeoutMs}) until every accepted write has been answered. */
    public synchronized boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (entriesInFlight > 0 || !writeQueue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Batching counters, for INFO. */
    public BatchStats stats() {
        return stats;
    }

    @Override
    public CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale) {
        RedraftStateMachine sm = node.stateMachine();
        if (sm == null) {
            return CompletableFuture.completedFuture(clusterDown(node.unavailableReason()));
        }
        if (stale) {
            return CompletableFuture.completedFuture(runRead(sm, db, argv, handler));
        }
        String down = node.unavailableReason();
        if (down != null) {
            return CompletableFuture.completedFuture(clusterDown(down));
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        List<PendingRead> batch = null;
        synchronized (this) {
            readQueue.add(new PendingRead(db, argv, handler, reply));
            if (!barrierInFlight) {
                batch = takeReadBatch();
            }
        }
        if (batch != null) {
            runBarrier(batch);
        }
        return reply;
    }

    /** The reads queued so far, for one barrier; called with the lock held. */
    private List<PendingRead> takeReadBatch() {
        List<PendingRead> batch = readQueue;
        readQueue = new ArrayList<>();
        barrierInFlight = true;
        return batch;
    }

    /**
     * One ReadIndex round, started on the caller's thread and outside the lock. Not on the
     * submitter: a barrier never blocks (it asks the appenders for heartbeats, or the leader),
     * and behind a write load's submits it waited for them.
     */
    private void runBarrier(List<PendingRead> batch) {
        long sentAt = System.nanoTime();
        CompletableFuture<Void> barrier;
        try {
            barrier = node.readBarrier();
        } catch (RuntimeException e) {
            barrier = CompletableFuture.failedFuture(e);
        }
        barrier.whenCompleteAsync((ok, error) -> {
            stats.readBarrier(batch.size(), System.nanoTime() - sentAt);
            RedraftStateMachine sm = node.stateMachine();
            for (PendingRead r : batch) {
                r.reply().complete(error != null || sm == null
                        ? readFailure(error) : runRead(sm, r.db(), r.argv(), r.handler()));
            }
            List<PendingRead> next = null;
            synchronized (this) {
                barrierInFlight = false;
                if (!readQueue.isEmpty()) {
                    next = takeReadBatch();
                }
            }
            if (next != null) {
                runBarrier(next);
            }
        }, completions);
    }

    private static Reply runRead(RedraftStateMachine sm, int db, byte[][] argv, Handler.Read handler) {
        Store store = sm.store();
        store.lock().readLock().lock();
        try {
            // Never earlier than the replicated clock, so a key the log has expired stays expired here.
            long now = Math.max(System.currentTimeMillis(), sm.clock());
            return handler.read(new ExecContext(store, db, now), argv);
        } catch (RuntimeException e) {
            LOG.error("read failed", e);
            return Reply.error("ERR internal error: " + e);
        } finally {
            store.lock().readLock().unlock();
        }
    }

    private static Reply clusterDown(String reason) {
        return Reply.error("CLUSTERDOWN " + reason);
    }

    private static Reply writeFailure(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof StateMachineException) {
            return Reply.error("ERR " + cause.getMessage());
        }
        // Retries exhausted, timeouts, a closing node: the entry may still commit later.
        LOG.debug("write outcome unknown", cause);
        return Reply.error("TIMEOUT the write may or may not have been applied: " + brief(cause));
    }

    private Reply readFailure(Throwable error) {
        if (error == null) {
            return clusterDown("this node left the cluster");
        }
        String down = node.unavailableReason();
        return clusterDown(down != null ? down : "read barrier failed: " + brief(unwrap(error)));
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String brief(Throwable t) {
        String msg = t.getMessage();
        String text = t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        text = text.replace('\r', ' ').replace('\n', ' ');
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
