package io.redraft.raft;

import io.redraft.command.CommandTable;
import io.redraft.command.ExecContext;
import io.redraft.command.ReplicatedExecution;
import io.redraft.pubsub.EntryPublications;
import io.redraft.pubsub.PublishSink;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyCodec;
import io.redraft.store.Key;
import io.redraft.store.Store;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Raft group's replicated state: applies committed entries to the store, deterministically.
 * The only clock it knows is the timestamp the leader stamped into each entry; the only I/O it
 * does is snapshots.
 */
public final class RedraftStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(RedraftStateMachine.class);
    private static final Message EMPTY = Message.valueOf(ByteString.EMPTY);

    private final ReplicatedExecution execution;
    private final Store store = new Store();
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final GroupEvents events;
    private volatile boolean snapshotFailed;
    private volatile String lastSnapshotError;
    /** Member id → Redis address, replicated so every node can answer LEADER and NODES. */
    private volatile Map<String, String> nodeAddresses = new TreeMap<>();
    /** Time of the newest applied entry; entry times are made monotonic by taking the max. */
    private volatile long clock;
    /** Keys deleted by EVICT entries and by EXPIRE_SWEEP since this process started (INFO stats). */
    private volatile long evictedKeys;
    private volatile long expiredKeys;
    /** Leader only: the last timestamp stamped, so stamps never go backwards on one leader. */
    private final AtomicLong lastStamp = new AtomicLong();
    /** Reads waiting for this replica to apply up to an index, keyed by that index. */
    private final java.util.TreeMap<Long, CompletableFuture<Void>> appliedWaiters = new java.util.TreeMap<>();
    /** What the entry being applied publishes; apply-thread only. */
    private PublishSink publications = PublishSink.NONE;
    private final SnapshotDue snapshotDue = new SnapshotDue();
    /** Writes captured snapshots, one at a time, off the apply thread. */
    private final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-writer");
        t.setDaemon(true);
        return t;
    });
    /** Guarded by this; see {@link #takeSnapshot}. */
    private SnapshotWrite snapshotWrite;
    /** Tests hold snapshot writes here to show that applying goes on meanwhile. */
    private volatile CompletableFuture<Void> writesHeldUntil = CompletableFuture.completedFuture(null);

    private static final long SNAPSHOT_WRITE_WAIT_SECONDS = 60;

    /** A snapshot of the state at log index {@code index}, being written by {@link #snapshotWriter}. */
    private record SnapshotWrite(long index, CompletableFuture<Long> done) {}

    RedraftStateMachine(CommandTable commands, GroupEvents events) {
        this.execution = new ReplicatedExecution(commands);
        this.events = events;
        store.recordStoredKeys();
    }

    public Store store() {
        return store;
    }

    /** The replicated clock: the newest applied entry's time. */
    public long clock() {
        return clock;
    }

    public long evictedKeys() {
        return evictedKeys;
    }

    public long expiredKeys() {
        return expiredKeys;
    }

    /** Index of the newest snapshot, or -1 when none; and its file's modification time (0 when none). */
    public long latestSnapshotIndex() {
        SingleFileSnapshotInfo info = storage.getLatestSnapshot();
        return info == null ? -1 : info.getIndex();
    }

    public long latestSnapshotTimeMillis() {
        SingleFileSnapshotInfo info = storage.getLatestSnapshot();
        return info == null ? 0 : info.getFile().getPath().toFile().lastModified();
    }

    public Map<String, String> nodeAddresses() {
        return nodeAddresses;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        getLifeCycle().startAndTransition(() -> {
            storage.init(raftStorage);
            loadLatestSnapshot();
        });
    }

    /**
     * Ratis pauses the state machine before installing a snapshot from the leader: once per chunk,
     * so a snapshot larger than one chunk (16 MB) pauses an already paused machine, which must
     * not fail (it used to, and then every retry of the install failed the same way).
     */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            return;
        }
        awaitSnapshotWrite(); // the installed snapshot must not race a write of our own
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** ...and then asks it to load the installed snapshot and resume. */
    @Override
    public void reinitialize() throws IOException {
        long started = System.nanoTime();
        loadLatestSnapshot();
        events.snapshotTimed(true, System.nanoTime() - started);
        events.storeReplaced();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        // No MD5 check here: SnapshotFile's CRC32C covers every byte in the same pass that loads
        // it, and refuses a damaged file just the same; the MD5 was a second full read (seconds
        // for a 100 MB snapshot before the JIT warms up). The .md5 file is still written for Ratis.
        store.lock().writeLock().lock();
        try {
            store.clear();
            SnapshotFile.Meta meta = SnapshotFile.read(file, store);
            snapshotDue.snapshotAt(file.length());
            clock = meta.clock();
            store.settle(clock);
            nodeAddresses = new TreeMap<>(meta.nodeAddresses());
            store.modifications().restoredAt(snapshot.getTermIndex().getIndex());
            setLastAppliedTermIndex(snapshot.getTermIndex());
            store.takeStoredKeys(); // loading stores every key; reinitialize reports it as a whole
        } finally {
            store.lock().writeLock().unlock();
        }
        LOG.info("loaded snapshot {} ({})", file.getName(), snapshot.getTermIndex());
        events.published(snapshot.getIndex(), List.of()); // messages before it are not delivered here
    }

    /** True when the last snapshot attempt failed (INFO's rdb_last_bgsave_status). */
    public boolean lastSnapshotFailed() {
        return snapshotFailed;
    }

    /** Why the last failed snapshot attempt failed. */
    String lastSnapshotError() {
        return lastSnapshotError;
    }

    /**
     * Called by Ratis on the apply thread when a snapshot is due (or asked for), and again and
     * again until one is reported. Applying waits only for a capture of the store (0.1–0.3 s for
     * a million keys on a busy 2-core machine); {@link #snapshotWriter} sorts and writes it while entries keep being
     * applied. A write that finished is reported at the next call, and Ratis then purges the log
     * up to it. Writing under the apply thread stalled every write for ~2 s per snapshot of 1M
     * keys (docs/PERFORMANCE.md, "Snapshots off the apply thread").
     */
    @Override
    public synchronized long takeSnapshot() {
        if (snapshotWrite != null) {
            if (!snapshotWrite.done().isDone()) {
                return RaftLog.INVALID_LOG_INDEX;
            }
            SnapshotWrite finished = snapshotWrite;
            snapshotWrite = null;
            if (!finished.done().isCompletedExceptionally()) {
                return finished.index();
            }
            // failed (its error is logged and in INFO): try again now
        }
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        long started = System.nanoTime();
        SnapshotFile.Capture capture = SnapshotFile.capture(store, new SnapshotFile.Meta(clock, nodeAddresses));
        long captured = System.nanoTime();
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        try {
            snapshotWrite = new SnapshotWrite(last.getIndex(),
                    CompletableFuture.supplyAsync(() -> write(file, capture, last, started, captured), snapshotWriter));
        } catch (RejectedExecutionException closed) {
            // closing: no new snapshot
        }
        return RaftLog.INVALID_LOG_INDEX;
    }

    /** Waits (bounded) for the snapshot being written, if any, to land or fail. */
    private void awaitSnapshotWrite() {
        CompletableFuture<Long> writing = snapshotWrite();
        if (writing == null) {
            return;
        }
        try {
            writing.get(SNAPSHOT_WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            // logged by write()
        } catch (TimeoutException e) {
            LOG.warn("a snapshot still being written after {} s", SNAPSHOT_WRITE_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets a snapshot being written land (bounded), then stops the writer. */
    private void finishSnapshotWrite() {
        awaitSnapshotWrite();
        snapshotWriter.shutdown();
    }

    /** The snapshot being written, or written and not yet reported to Ratis; null when none. */
    synchronized CompletableFuture<Long> snapshotWrite() {
        return snapshotWrite == null ? null : snapshotWrite.done();
    }

    /** For tests: snapshot writes (not captures) wait until {@code until} completes. */
    void holdSnapshotWrites(CompletableFuture<Void> until) {
        writesHeldUntil = until;
    }

    private long write(File file, SnapshotFile.Capture capture, TermIndex at, long started, long captured) {
        writesHeldUntil.join();
        try {
            SnapshotFile.write(file, capture);
            snapshotDue.snapshotAt(file.length());
            FileInfo info = new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file));
            storage.updateLatestSnapshot(new SingleFileSnapshotInfo(info, at));
        } catch (IOException | RuntimeException e) {
            // No snapshot: the log stays as it is, and the next trigger tries again.
            snapshotFailed = true;
            lastSnapshotError = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.error("snapshot {} failed: {}", file.getName(), lastSnapshotError);
            throw new CompletionException(e);
        }
        snapshotFailed = false;
        long done = System.nanoTime();
        events.snapshotTimed(false, done - started);
        LOG.info("took snapshot {} (applying waited {} ms for the capture; written in {} ms)", file.getName(),
                TimeUnit.NANOSECONDS.toMillis(captured - started), TimeUnit.NANOSECONDS.toMillis(done - captured));
        return at.getIndex();
    }

    /** Leader side: stamps the leader's clock into the entry so replicas agree on time. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString content = request.getMessage().getContent();
        if (content.isEmpty()) {
            throw new IOException("empty request");
        }
        LogOp.of(content.byteAt(0)); // rejects unknown operations before they reach the log
        events.appending(request);
        long now = System.currentTimeMillis();
        long stamp = lastStamp.accumulateAndGet(Math.max(now, clock), Math::max);
        byte[] header = new byte[9];
        header[0] = content.byteAt(0);
        for (int i = 0; i < 8; i++) {
            header[1 + i] = (byte) (stamp >>> (56 - 8 * i));
        }
        ByteString logData = UnsafeByteOperations.unsafeWrap(header).concat(content.substring(1));
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(logData)
                .build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        Message result;
        EntryPublications published = new EntryPublications(entry.getIndex());
        publications = published;
        Map<Integer, Set<Key>> stored;
        store.lock().writeLock().lock();
        try {
            store.modifications().begin(entry.getIndex()); // WATCH positions are log indexes
            result = apply(entry.getStateMachineLogEntry().getLogData());
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        } catch (IOException | RuntimeException e) {
            // Entries are validated before they reach the log, so this is a bug or a damaged log.
            LOG.error("cannot apply entry {}", entry.getIndex(), e);
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.failedFuture(e);
        } finally {
            stored = store.takeStoredKeys();
            store.lock().writeLock().unlock();
            publications = PublishSink.NONE;
        }
        if (!published.isEmpty()) {
            events.published(entry.getIndex(), published.list()); // data unchanged: delivery only
        }
        if (!stored.isEmpty()) {
            events.keysStored(stored); // outside the lock: blocked clients look at the store
        }
        if (snapshotDue.applied(entry.getSerializedSize())) {
            events.snapshotDue();
        }
        return CompletableFuture.completedFuture(result);
    }

    private Message apply(ByteString data) throws IOException {
        DataInputStream in = new DataInputStream(data.newInput());
        LogOp op = LogOp.of(in.readUnsignedByte());
        clock = Math.max(clock, in.readLong());
        switch (op) {
            case COMMANDS:
                return applyCommands(CommandBatch.decode(in));
            case NODE_INFO: {
                Map<String, String> next = new TreeMap<>(nodeAddresses);
                next.put(in.readUTF(), in.readUTF());
                nodeAddresses = next;
                return EMPTY;
            }
            case NODE_FORGET: {
                Map<String, String> next = new TreeMap<>(nodeAddresses);
                next.remove(in.readUTF());
                nodeAddresses = next;
                return EMPTY;
            }
            case EXPIRE_SWEEP:
                for (int db = 0; db < Store.DATABASES; db++) {
                    expiredKeys += store.db(db).removeExpired(clock);
                }
                return EMPTY;
            case EVICT:
                evictedKeys += EvictionEntry.apply(in, store);
                return EMPTY;
            case DEFAULT_PASSWORD:
                io.redraft.command.AclCommands.initDefaultPassword(store.acl(), in.readUTF());
                return EMPTY;
            default:
                throw new IOException("unhandled log operation " + op);
        }
    }

    private Message applyCommands(List<CommandBatch.Request> batch) {
        List<Reply> replies = new ArrayList<>(batch.size());
        for (CommandBatch.Request request : batch) {
            replies.add(applyRequest(request));
        }
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(ReplyCodec.toBytes(replies)));
    }

    private Reply applyRequest(CommandBatch.Request request) {
        if (request.db() >= Store.DATABASES) {
            return Reply.error("ERR DB index is out of range");
        }
        ExecContext ctx = new ExecContext(store, request.db(), clock, publications, request.user());
        try {
            return request.block() ? execution.block(ctx, request.commands(), request.watched())
                    : execution.write(ctx, request.commands().get(0));
        } catch (RuntimeException e) {
            // Deterministic on every replica, so answering an error keeps replicas identical.
            LOG.error("applying a logged request failed", e);
            return Reply.error("ERR internal error: " + e);
        }
    }

    /**
     * A follower's read barrier, on the leader (Ratis calls this for the follower's read request):
     * the reply is the leader's commit index once a majority has confirmed it still leads, and
     * the follower then waits until it has applied as much itself (ReadIndex done at the
     * application level: Ratis's own check is not safe, see HeartbeatQuorum).
     */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return events.confirmedReadIndex().thenApply(index -> {
            byte[] bytes = new byte[8];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (index >>> (56 - 8 * i));
            }
            return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
        });
    }

    /** Completes once this replica has applied the entry at {@code index}. */
    public CompletableFuture<Void> awaitApplied(long index) {
        synchronized (appliedWaiters) {
            TermIndex applied = getLastAppliedTermIndex();
            if (applied != null && applied.getIndex() >= index) {
                return CompletableFuture.completedFuture(null);
            }
            return appliedWaiters.computeIfAbsent(index, i -> new CompletableFuture<>());
        }
    }

    @Override
    protected boolean updateLastAppliedTermIndex(TermIndex applied) {
        boolean updated = super.updateLastAppliedTermIndex(applied);
        releaseWaiters(applied.getIndex());
        return updated;
    }

    @Override
    protected void setLastAppliedTermIndex(TermIndex applied) {
        super.setLastAppliedTermIndex(applied);
        releaseWaiters(applied.getIndex());
    }

    private void releaseWaiters(long index) {
        if (appliedWaiters == null) {
            return; // called from BaseStateMachine's constructor, before our fields exist
        }
        synchronized (appliedWaiters) {
            while (!appliedWaiters.isEmpty() && appliedWaiters.firstKey() <= index) {
                appliedWaiters.pollFirstEntry().getValue().complete(null);
            }
        }
    }

    @Override
    public void notifyGroupRemove() {
        events.groupRemoved();
    }

    /** Nothing will be applied any more: waiters (follower reads) fail rather than hang. */
    @Override
    public void close() throws IOException {
        super.close();
        finishSnapshotWrite(); // Ratis's snapshot on stop is being written: let it land
        List<CompletableFuture<Void>> waiting;
        synchronized (appliedWaiters) {
            waiting = new ArrayList<>(appliedWaiters.values());
            appliedWaiters.clear();
        }
        IllegalStateException closed = new IllegalStateException("this node's replica of the cluster was closed");
        waiting.forEach(w -> w.completeExceptionally(closed));
        events.closed(this);
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto conf) {
        List<RaftPeer> peers = conf.getPeersList().stream()
                .map(p -> RaftPeer.newBuilder().setId(RaftPeerId.valueOf(p.getId())).setAddress(p.getAddress()).build())
                .collect(Collectors.toList());
        LOG.info("membership changed: term={} index={} members={}", term, index,
                peers.stream().map(p -> p.getId() + "@" + p.getAddress()).collect(Collectors.joining(",", "[", "]")));
        events.configurationChanged(peers);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId leaderId) {
        events.leaderChanged(leaderId == null ? null : leaderId.toString());
    }

    /** Called by Ratis's log worker for the write or flush that failed (and each one after it). */
    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        events.logFailed(cause);
    }
}
