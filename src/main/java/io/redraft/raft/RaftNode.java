package io.redraft.raft;

import io.redraft.command.CommandTable;
import io.redraft.pubsub.Publication;
import io.redraft.store.Key;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupListReply;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's member of the Raft group: the Ratis server, the clients it uses to reach the
 * leader, and the primitives (submit, read barrier, membership change, snapshot) built on them.
 * A node with no group yet runs its Raft server anyway, so a member can add it with JOIN.
 */
public final class RaftNode implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    /**
     * The cluster id: the Raft group id, chosen at BOOTSTRAP (random, or {@code --cluster-id}). Ratis
     * answers a peer that speaks for another group with a group mismatch, so nodes of different
     * clusters never exchange log entries or votes. Null until this node has (had) a group; the
     * Ratis group directory under {@code data_dir/raft/} carries it across restarts.
     */
    private volatile RaftGroupId groupId;
    /** {@code --cluster-id}: the only group this node may bootstrap or be added to; null = any. */
    private final RaftGroupId pinnedGroupId;
    private static final Message BARRIER = Message.valueOf(ByteString.EMPTY);

    private final RaftPeer self;
    private final RaftTls tls;
    private final RaftServer server;
    private final CommandTable commands;
    private final ScheduledExecutorService background;
    private volatile RedraftStateMachine stateMachine;
    /** REMOVE retired this node's group: it answers that it left, until a JOIN adds it again. */
    private volatile boolean removedFromCluster;
    private volatile Clients clients;
    private volatile Runnable onMembershipChange = () -> {};
    private volatile RaftObserver observer = RaftObserver.NONE;
    private volatile BiConsumer<Long, List<Publication>> onPublished = (index, publications) -> {};
    private volatile DataListener dataListener = new DataListener() {};
    private volatile Availability availability;
    /** Why this server's Raft log stopped accepting writes, or null while it works. */
    private volatile String logFailure;
    private volatile java.util.function.Consumer<String> onFailure = reason -> {};
    private boolean failureReported;
    private final StuckFollowerWatch stuckFollowers = new StuckFollowerWatch();
    /** How many looks in a row (one a second) a follower's commit index must pass its log's end. */
    static final int WEDGED_CHECKS = 5;
    /** Only the background thread touches it. */
    private int wedgedChecks;
    /** {@link #restartMember} is closing the member: its removal is not a REMOVE. */
    private volatile boolean restartingMember;
    private volatile boolean handingOver;
    private final ClientId localClientId = ClientId.randomId();
    /** Which followers accepted this node's term since when, per group, for read barriers. */
    private final HeartbeatQuorum.Groups quorums = new HeartbeatQuorum.Groups();
    private final java.util.concurrent.atomic.AtomicLong localCallIds = new java.util.concurrent.atomic.AtomicLong();
    /** Local submissions that reached the leader's log (see {@link #submit}). */
    private final Set<Long> appendingLocalCalls = ConcurrentHashMap.newKeySet();

    private static final long READ_BARRIER_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private static final long CLOSE_CATCH_UP_MS = 2_000;
    private static final long CLOSE_TIMEOUT_MS = 10_000;
    /** How long after its state machine closed a member is checked for having been closed by Ratis. */
    static final long GROUP_CLOSED_CHECK_MS = 1_000;

    private static final long AVAILABILITY_TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private record Availability(String reason, long checkedAt) {}

    /** Ratis's ordered async clients find the leader; reads get their own so writes never wait behind them. */
    private record Clients(RaftClient writes, RaftClient reads, RaftClient admin) implements Closeable {
        @Override
        public void close() throws IOException {
            writes.close();
            reads.close();
            admin.close();
        }
    }

    /** The configured upper election timeout: a follower silent for twice this long counts as unreachable. */
    private final long electionTimeoutMaxMs;

    public RaftNode(String id, String raftHost, int raftPort, Path dataDir, long snapshotThreshold,
                    CommandTable commands) throws IOException {
        this(id, raftHost, raftPort, dataDir, snapshotThreshold, RaftSettings.ELECTION_TIMEOUT_MIN.toLong(
                TimeUnit.MILLISECONDS), RaftSettings.ELECTION_TIMEOUT_MAX.toLong(TimeUnit.MILLISECONDS), commands,
                null, null);
    }

    /**
     * @param electionMinMs followers start an election after a random silence of electionMinMs to electionMaxMs
     * @param clusterId the pinned cluster id ({@code --cluster-id}), or null
     * @param tls mutual TLS for all Raft traffic (server, peers, this node's clients), or null for plaintext
     */
    public RaftNode(String id, String raftHost, int raftPort, Path dataDir, long snapshotThreshold,
                    long electionMinMs, long electionMaxMs, CommandTable commands, UUID clusterId, RaftTls tls)
            throws IOException {
        this.electionTimeoutMaxMs = electionMaxMs;
        this.pinnedGroupId = clusterId == null ? null : RaftGroupId.valueOf(clusterId);
        this.tls = tls;
        this.self = RaftPeer.newBuilder().setId(id).setAddress(raftHost + ":" + raftPort).build();
        this.commands = commands;
        this.background = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "raft-node-" + id);
            t.setDaemon(true);
            return t;
        });
        RatisClassInit.run();
        this.server = RaftServer.newBuilder()
                .setServerId(self.getId())
                .setProperties(RaftSettings.server(dataDir, raftHost, raftPort, snapshotThreshold, electionMinMs,
                        electionMaxMs))
                .setStateMachineRegistry(this::newStateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .setParameters(RaftSettings.serverParameters(tls, quorums))
                .build();
    }

    /**
     * Called by Ratis for a recovered group and for a group added by BOOTSTRAP or a member's JOIN:
     * a node belongs to one cluster, so a group of another cluster (or one other than the pinned
     * id) is refused, and Ratis fails the add.
     */
    private RedraftStateMachine newStateMachine(RaftGroupId group) {
        if (pinnedGroupId != null && !pinnedGroupId.equals(group)) {
            throw new IllegalStateException("node " + self.getId() + " is pinned to cluster id "
                    + pinnedGroupId.getUuid() + " and refuses cluster " + group.getUuid());
        }
        RaftGroupId current = groupId;
        if (current != null && !current.equals(group) && hasGroup()) {
            throw new IllegalStateException("node " + self.getId() + " already belongs to cluster "
                    + current.getUuid() + " and refuses cluster " + group.getUuid());
        }
        groupId = group;
        removedFromCluster = false;
        return newStateMachineForGroup();
    }

    private RedraftStateMachine newStateMachineForGroup() {
        RedraftStateMachine sm = new RedraftStateMachine(commands, new GroupEvents() {
            @Override
            public void published(long index, List<Publication> publications) {
                onPublished.accept(index, publications); // inline: delivery keeps log order
            }

            @Override
            public void configurationChanged(List<RaftPeer> peers) {
                inBackground(RaftNode.this::onConfigurationChanged);
            }

            @Override
            public void leaderChanged(String leaderId) {
                inBackground(() -> {
                    long term = term();
                    LOG.info("leader changed: term={} leader={} self={} role={} members={}", term,
                            leaderId == null ? "none" : leaderId, id(), role(), memberIds());
                    observer.leaderChanged(term, leaderId);
                });
                inBackground(onMembershipChange);
            }

            @Override
            public void groupRemoved() {
                if (restartingMember) {
                    LOG.info("{} closed its member of cluster {} to reopen it from disk", id(), groupId.getUuid());
                    return;
                }
                removedFromCluster = true;
                availability = null;
                LOG.info("{} was removed from cluster {} and retired its copy of the group", id(), groupId.getUuid());
            }

            @Override
            public void snapshotTimed(boolean installed, long nanos) {
                if (installed) {
                    observer.snapshotInstalled(nanos);
                } else {
                    observer.snapshotTaken(nanos);
                }
            }

            @Override
            public void appending(RaftClientRequest request) {
                if (request.getClientId().equals(localClientId)) {
                    appendingLocalCalls.add(request.getCallId());
                }
            }

            @Override
            public void keysStored(Map<Integer, Set<Key>> keys) {
                dataListener.keysStored(keys);
            }

            @Override
            public void snapshotDue() {
                // own thread: a snapshot of a large store takes seconds, background runs membership work
                Thread t = new Thread(() -> {
                    try {
                        snapshot(120_000);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("snapshot by log volume failed: {}", e.toString());
                    }
                }, "raft-snapshot-" + id());
                t.setDaemon(true);
                t.start();
            }

            @Override
            public void storeReplaced() {
                dataListener.storeReplaced();
            }

            @Override
            public void logFailed(Throwable cause) {
                RaftNode.this.logFailed(cause);
            }

            @Override
            public CompletableFuture<Long> confirmedReadIndex() {
                return RaftNode.this.confirmedReadIndex();
            }

            @Override
            public void closed(RedraftStateMachine closed) {
                stateMachineClosed(closed);
            }
        });
        sm.store().acl().onChange(() -> dataListener.usersChanged());
        stateMachine = sm;
        return sm;
    }

    /** Starts the Raft server; a group found in the data dir is recovered and rejoins its peers. */
    public void start() throws IOException {
        for (RaftGroupId stored : server.getGroupIds()) {
            if (pinnedGroupId != null && !stored.equals(pinnedGroupId)) {
                throw new IOException("the data dir belongs to cluster " + stored.getUuid()
                        + ", not to --cluster-id " + pinnedGroupId.getUuid());
            }
        }
        server.start();
        if (hasGroup()) {
            LOG.info("{} recovered its cluster membership from disk", self.getId());
        }
        background.scheduleWithFixedDelay(this::watchFollowers, 1, 1, TimeUnit.SECONDS);
        background.scheduleWithFixedDelay(this::watchOwnLog, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Every second on a follower: a commit index past the end of its own log wedges the member
     * for good (every leader's append gets INCONSISTENCY; TESTING.md bug 15). Its known cause,
     * Ratis's append-entries compose, is off (RaftSettings); this stays as a safety net. A process
     * restart clears the wedge; after WEDGED_CHECKS looks in a row the member is restarted
     * in-process the same way, from disk.
     */
    private void watchOwnLog() {
        try {
            boolean wedged = hasGroup() && !isLeader() && commitIndex() > lastLogIndex();
            wedgedChecks = wedged ? wedgedChecks + 1 : 0;
            if (wedgedChecks < WEDGED_CHECKS) {
                return;
            }
            wedgedChecks = 0;
            LOG.warn("{}: commit index {} is past the end of this node's log ({}) for {} s, so no leader "
                    + "can append to it; restarting this member from disk", id(), commitIndex(),
                    lastLogIndex(), WEDGED_CHECKS);
            restartMember();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: watching the log: {}", id(), e.toString()); // a task that throws is never run again
        }
    }

    /** Drops this node's member of its group and adds it again from its storage, as a process restart would. */
    void restartMember() throws IOException {
        RaftServer.Division d = division();
        if (d == null) {
            return;
        }
        RaftGroup group = d.getGroup();
        restartingMember = true;
        try {
            closeOwnMember(group.getGroupId(), false);
        } finally {
            restartingMember = false;
        }
        check(server.groupManagement(GroupManagementRequest.newAdd(localClientId, self.getId(),
                localCallIds.incrementAndGet(), group, false)));
        resetClients();
    }

    /** Every second on the leader: a follower that answers but never catches up gets a new leader. */
    private void watchFollowers() {
        try {
            if (!isLeader()) {
                stuckFollowers.reset();
                return;
            }
            String stuck = stuckFollowers.check(TimeUnit.NANOSECONDS.toMillis(System.nanoTime()), commitIndex(),
                    matchIndexes(), lastContactMs());
            if (stuck == null || handingOver) {
                return;
            }
            stuckFollowers.reset();
            handingOver = true;
            LOG.warn("{}: follower {} answers but has not caught up for {} s; handing leadership over, "
                    + "which restarts Ratis's log appenders", id(), stuck, StuckFollowerWatch.STUCK_AFTER_MS / 1000);
            Thread t = new Thread(() -> {
                try {
                    transferLeadershipAwayFrom(id(), 5_000);
                } finally {
                    handingOver = false;
                }
            }, "raft-stuck-follower");
            t.setDaemon(true);
            t.start();
        } catch (RuntimeException e) {
            LOG.debug("follower watch", e); // a scheduled task that throws is never run again
        }
    }

    /**
     * Called once, on a thread of its own, with a one-line reason, when this member can no
     * longer take part in its group until the process restarts: its log could not be written
     * (Ratis never recovers a log whose write failed: the worker fails every later task), or
     * Ratis closed the member on its own. The node is expected to stop; a restart reopens the log
     * from what was fsynced.
     */
    public void onFailure(java.util.function.Consumer<String> listener) {
        this.onFailure = listener;
    }

    /** Why this server's Raft log failed, or null while it works. */
    public String logFailure() {
        return logFailure;
    }

    private void logFailed(Throwable cause) {
        synchronized (this) {
            if (logFailure != null || background.isShutdown()) {
                return; // every later task fails the same way; or the server is closing anyway
            }
            logFailure = "the Raft log on this node cannot be written (" + rootMessage(cause) + ")";
        }
        LOG.error("{}: {}; this node stops serving until it is restarted with space on its disk",
                id(), logFailure, cause);
        failed(logFailure);
    }

    /**
     * The state machine {@code closed} was closed. On shutdown or REMOVE that is expected; if
     * instead the division is still registered, is the same one and is no longer alive, Ratis
     * closed it on its own, and it never reopens: every vote and append is refused while the
     * process looks alive. Either this node was removed and its election found it outside the
     * configuration before the leader's {@link #retire} arrived: then it retires itself, as
     * retire would have. Or Ratis closed it after an internal error (seen with Ratis 3.2.0: a
     * follower append out of order closed a deposed leader's group): stop, so a supervisor
     * restarts the node.
     */
    private void stateMachineClosed(RedraftStateMachine closed) {
        RaftGroupId group = groupId;
        if (group == null || background.isShutdown()) {
            return;
        }
        try {
            background.schedule(() -> {
                try {
                    RaftServer.Division d = server.getDivision(group);
                    if (d.getStateMachine() != closed || d.getInfo().isAlive() || background.isShutdown()) {
                        return;
                    }
                    // Ratis's own test before it closes a candidate: not a voter of the current
                    // configuration (a joint one still lists it among the old peers).
                    boolean leftConf = d.getRaftConf().getCurrentPeers().stream()
                            .noneMatch(p -> p.getId().equals(self.getId()));
                    if (leftConf) {
                        LOG.info("{}: left the configuration of cluster {} and Ratis closed its member; "
                                + "retiring it", id(), group.getUuid());
                        retireSelf(group);
                        return;
                    }
                    LOG.error("{}: Ratis closed this node's member of the cluster on its own; stopping", id());
                    failed("Ratis closed this node's member of the cluster after an internal error");
                } catch (IOException | RuntimeException removed) {
                    // REMOVE took the group away: expected
                }
            }, GROUP_CLOSED_CHECK_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the node is closing
        }
    }

    private synchronized void failed(String reason) {
        if (failureReported) {
            return;
        }
        failureReported = true;
        availability = null;
        Thread t = new Thread(() -> {
            stopRaftRpc();
            onFailure.accept(reason);
        }, "raft-failed");
        t.setDaemon(false); // keeps the process alive until the node has stopped
        t.start();
    }

    /**
     * A failed member must stop taking part in the group at once, not only when the node has
     * closed: in particular it must not adopt a newer term from a vote or append. Ratis persists a
     * new term into raft-meta, and when that write fails (the disk that failed the log is full)
     * it still moves the partial file into place, so the node could never start again (TESTING.md
     * bug 11). Closing the Raft RPC server refuses every vote and append from here on. Runs on a
     * thread of its own: gRPC's shutdown waits for calls that may be waiting on Ratis's threads.
     */
    private void stopRaftRpc() {
        try {
            server.getServerRpc().close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not close the Raft RPC server after a failure", id(), e);
        }
    }

    private static String rootMessage(Throwable t) {
        String last = t.toString();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            last = c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
        }
        return last;
    }

    public void onMembershipChange(Runnable listener) {
        this.onMembershipChange = listener;
    }

    /** Receives what each applied entry published, on the apply thread, in log order. */
    /** Receives this member's timings and leader changes (metrics, latency monitor). */
    public void observe(RaftObserver observer) {
        this.observer = observer;
        CountersOnlyMetrics.onLogFlush(id(), observer::logFlushed);
    }

    public RaftObserver observer() {
        return observer;
    }

    public void onPublished(BiConsumer<Long, List<Publication>> listener) {
        this.onPublished = listener;
    }

    /** What the node hears about applied data: keys stored, or the whole store replaced. */
    public interface DataListener {
        /** Called after apply, outside the store lock, on Ratis's apply thread: must not block. */
        default void keysStored(Map<Integer, Set<Key>> keys) {}

        default void storeReplaced() {}

        /** The ACL users changed (applied entry or snapshot); called with the store locked: must not block. */
        default void usersChanged() {}
    }

    public void onData(DataListener listener) {
        this.dataListener = listener;
    }

    public RaftPeer self() {
        return self;
    }

    public String id() {
        return self.getId().toString();
    }

    /** The Ratis server, for tests in this package that play Ratis's part. */
    RaftServer server() {
        return server;
    }

    public boolean hasGroup() {
        return division() != null;
    }

    /** The id of the cluster this node belongs to, or null before BOOTSTRAP/JOIN. */
    public String clusterId() {
        return hasGroup() ? groupId.getUuid().toString() : null;
    }

    /** This node's member of the group, or null before BOOTSTRAP/JOIN and while it is still starting. */
    private RaftServer.Division division() {
        RaftGroupId group = groupId;
        if (group == null) {
            return null;
        }
        try {
            RaftServer.Division d = server.getDivision(group);
            return d.getInfo().isAlive() && d.getRaftLog() != null ? d : null;
        } catch (IOException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * The state machine of the group this node has or last had (kept after REMOVE until it joins
     * again), or null before its first BOOTSTRAP/JOIN; a volatile read, for per-command use.
     */
    public RedraftStateMachine lastStateMachine() {
        return stateMachine;
    }

    /** The state machine of this node's group, or null before BOOTSTRAP/JOIN. */
    public RedraftStateMachine stateMachine() {
        return hasGroup() ? stateMachine : null;
    }

    // ---- status ----------------------------------------------------------------------------

    /** Members of the current configuration, in id order; empty before BOOTSTRAP/JOIN. */
    public List<RaftPeer> members() {
        RaftServer.Division d = division();
        if (d == null) {
            return List.of();
        }
        List<RaftPeer> peers = new ArrayList<>(d.getRaftConf().getCurrentPeers());
        peers.sort((a, b) -> a.getId().toString().compareTo(b.getId().toString()));
        return peers;
    }

    public String leaderId() {
        RaftServer.Division d = division();
        if (d == null) {
            return null;
        }
        RaftPeerId leader = d.getInfo().getLeaderId();
        return leader == null ? null : leader.toString();
    }

    public boolean isLeader() {
        RaftServer.Division d = division();
        return d != null && d.getInfo().isLeader();
    }

    public String role() {
        RaftServer.Division d = division();
        return d == null ? "none" : d.getInfo().getCurrentRole().name().toLowerCase();
    }

    public long term() {
        RaftServer.Division d = division();
        return d == null ? 0 : d.getInfo().getCurrentTerm();
    }

    public long lastAppliedIndex() {
        RaftServer.Division d = division();
        return d == null ? 0 : d.getInfo().getLastAppliedIndex();
    }

    public long commitIndex() {
        RaftServer.Division d = division();
        try {
            return d == null ? 0 : d.getRaftLog().getLastCommittedIndex();
        } catch (IllegalStateException e) {
            return 0; // the log is still opening
        }
    }

    public long lastLogIndex() {
        RaftServer.Division d = division();
        try {
            return d == null ? 0 : d.getRaftLog().getNextIndex() - 1;
        } catch (IllegalStateException e) {
            return 0; // the log is still opening
        }
    }

    /** The ids of the current members, in id order, as "[a,b,c]". */
    private String memberIds() {
        StringBuilder sb = new StringBuilder("[");
        for (RaftPeer p : members()) {
            sb.append(sb.length() > 1 ? "," : "").append(p.getId());
        }
        return sb.append(']').toString();
    }

    /** The first index still in the log (earlier entries were purged after a snapshot). */
    public long logStartIndex() {
        RaftServer.Division d = division();
        try {
            return d == null ? 0 : d.getRaftLog().getStartIndex();
        } catch (IllegalStateException e) {
            return 0; // the log is still opening
        }
    }

    /** Bytes of this member's log segments on disk (the group's current/ directory, snapshots excluded). */
    public long logSizeBytes() {
        RaftServer.Division d = division();
        if (d == null) {
            return 0;
        }
        java.io.File[] files = d.getRaftStorage().getStorageDir().getCurrentDir().listFiles();
        long size = 0;
        for (int i = 0; files != null && i < files.length; i++) {
            if (files[i].getName().startsWith("log_")) {
                size += files[i].length();
            }
        }
        return size;
    }

    /**
     * Highest log index known to be replicated on each member: exact on the leader (its match
     * indexes), the last commit index heard of elsewhere.
     */
    public Map<String, Long> matchIndexes() {
        RaftServer.Division d = division();
        Map<String, Long> result = new java.util.TreeMap<>();
        if (d == null) {
            return result;
        }
        d.getCommitInfos().forEach(c -> result.put(RaftPeerId.valueOf(c.getServer().getId()).toString(),
                c.getCommitIndex()));
        DivisionInfo info = d.getInfo();
        if (info.isLeader()) {
            long[] match = info.getFollowerMatchIndices();
            List<ServerRpcProto> followers = info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList();
            for (int i = 0; match != null && i < match.length && i < followers.size(); i++) {
                result.put(RaftPeerId.valueOf(followers.get(i).getId().getId()).toString(), match[i]);
            }
            try {
                result.put(id(), d.getRaftLog().getFlushIndex());
            } catch (IllegalStateException e) {
                // the log is still opening
            }
        }
        return result;
    }

    /**
     * Milliseconds since each follower last answered this leader (leader only), or, on a
     * follower, since it last heard from its leader (keyed by the leader's id).
     */
    public Map<String, Long> lastContactMs() {
        RaftServer.Division d = division();
        Map<String, Long> result = new java.util.TreeMap<>();
        if (d == null) {
            return result;
        }
        RoleInfoProto role = d.getInfo().getRoleInfoProto();
        if (d.getInfo().isLeader()) {
            for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
                result.put(RaftPeerId.valueOf(f.getId().getId()).toString(), f.getLastRpcElapsedTimeMs());
            }
        } else if (role.hasFollowerInfo() && d.getInfo().getLeaderId() != null) {
            result.put(d.getInfo().getLeaderId().toString(), role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs());
        }
        return result;
    }

    /**
     * Why this node cannot serve replicated commands right now, or null when it can: it has a
     * leader it heard from recently, or it is a leader that heard from a majority recently.
     * Asked once per command, so the answer is cached for a few milliseconds.
     */
    public String unavailableReason() {
        String failed = logFailure;
        if (failed != null) {
            return failed;
        }
        long now = System.nanoTime();
        Availability cached = availability;
        if (cached == null || now - cached.checkedAt() > AVAILABILITY_TTL_NANOS) {
            cached = new Availability(computeUnavailableReason(), now);
            availability = cached;
        }
        return cached.reason();
    }

    private String computeUnavailableReason() {
        RaftServer.Division d = division();
        if (d == null) {
            return removedFromCluster
                    ? "this node was removed from its cluster and is no longer a member (JOIN it from a member to serve again)"
                    : "this node is not part of a cluster yet (BOOTSTRAP it or JOIN it from a member)";
        }
        DivisionInfo info = d.getInfo();
        long staleMs = electionTimeoutMaxMs * 2;
        RoleInfoProto role = info.getRoleInfoProto();
        if (info.isLeader()) {
            int voters = d.getRaftConf().getCurrentPeers().size();
            int reachable = 1;
            for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
                if (f.getLastRpcElapsedTimeMs() <= staleMs) {
                    reachable++;
                }
            }
            return reachable * 2 > voters ? null : "the leader cannot reach a majority of the cluster";
        }
        if (info.getLeaderId() == null) {
            return "no leader (an election is in progress or a majority is unreachable)";
        }
        if (role.hasFollowerInfo() && role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs() > staleMs) {
            return "lost contact with the leader";
        }
        return null;
    }

    // ---- replication primitives ------------------------------------------------------------

    /**
     * Appends one operation ({@code [LogOp][payload]}) to the log; completes with the applied
     * result. On the leader the entry goes straight into the local server (appended in call
     * order); elsewhere, or if leadership just moved, Ratis's ordered client finds the leader.
     */
    public CompletableFuture<ByteString> submit(byte[] request) {
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(request));
        if (isLeader()) {
            RaftClientRequest local = localRequest(message, RaftClientRequest.writeRequestType());
            try {
                return server.submitClientRequestAsync(local).handle((reply, error) -> {
                    boolean appended = appendingLocalCalls.remove(local.getCallId());
                    if (error == null && (reply.getNotLeaderException() != null
                            || reply.getException() instanceof LeaderNotReadyException)) {
                        // Refused before reaching the log: safe to resend to the new leader. Once
                        // appended, the entry may still commit under the next leader, and a resend
                        // would apply it twice; its outcome is unknown.
                        return appended ? CompletableFuture.<ByteString>failedFuture(new OutcomeUnknownException(
                                "leadership moved while the entry was being replicated"))
                                : submitThroughClient(message);
                    }
                    return error == null ? CompletableFuture.completedFuture(content(reply))
                            : CompletableFuture.<ByteString>failedFuture(error);
                }).thenCompose(f -> f);
            } catch (IOException e) {
                return submitThroughClient(message);
            }
        }
        return submitThroughClient(message);
    }

    private CompletableFuture<ByteString> submitThroughClient(Message message) {
        Clients c = clients();
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not a member of a cluster"));
        }
        return c.writes().async().send(message).thenApply(RaftNode::content);
    }

    private RaftClientRequest localRequest(Message message, RaftClientRequest.Type type) {
        return RaftClientRequest.newBuilder()
                .setClientId(localClientId)
                .setServerId(self.getId())
                .setGroupId(groupId)
                .setCallId(localCallIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
    }

    /**
     * Completes once this node's state includes every write committed before the call: a
     * ReadIndex round ({@link #confirmedReadIndex}, asked of the leader by a follower). Never
     * blocks. Transient refusals (leader not ready yet, election under way) are retried for a
     * few seconds.
     */
    public CompletableFuture<Void> readBarrier() {
        RedraftStateMachine sm = stateMachine();
        Clients c = clients();
        if (sm == null || c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not a member of a cluster"));
        }
        if (!isLeader()) {
            return followerReadBarrier(sm, c);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        attemptReadBarrier(sm, c, done, System.nanoTime() + READ_BARRIER_PATIENCE_NANOS);
        return done;
    }

    /**
     * Asks the leader for an index that covers every write committed so far (its query answers
     * with {@link #confirmedReadIndex}), then waits until this replica has applied it. Sent as
     * Ratis's non-linearizable read: Ratis still routes it to the leader, which runs the query
     * without first doing Ratis's own read index round, which would be a second round and
     * proves nothing (see HeartbeatQuorum).
     */
    private CompletableFuture<Void> followerReadBarrier(RedraftStateMachine sm, Clients c) {
        return c.reads().async().sendReadOnlyNonLinearizable(BARRIER)
                .thenCompose(reply -> sm.awaitApplied(content(reply).asReadOnlyByteBuffer().getLong()));
    }

    /**
     * On the leader, retried while it is becoming ready (no entry of its term committed yet); a
     * leader that stepped down meanwhile asks the new one instead.
     */
    private void attemptReadBarrier(RedraftStateMachine sm, Clients c, CompletableFuture<Void> done, long deadline) {
        confirmedReadIndex().thenCompose(sm::awaitApplied).whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
            } else if (System.nanoTime() < deadline && hasGroup() && !background.isShutdown()) {
                background.schedule(() -> {
                    if (isLeader()) {
                        attemptReadBarrier(sm, c, done, deadline);
                    } else {
                        followerReadBarrier(sm, c).whenComplete((v, e) -> {
                            if (e == null) {
                                done.complete(null);
                            } else {
                                done.completeExceptionally(e);
                            }
                        });
                    }
                }, 50, TimeUnit.MILLISECONDS);
            } else {
                done.completeExceptionally(failure);
            }
        });
    }

    /**
     * The index a read arriving now must see, on the leader: its commit index, once a majority
     * has accepted its term in AppendEntries sent from now on ({@link HeartbeatQuorum}: Raft's
     * ReadIndex check, done here because Ratis's skips rounds and its lease trusts the replies
     * that depose it). Fails on a follower, on a leader that has not yet committed an entry of its
     * term (its commit index may lag the cluster's), and after an election timeout.
     */
    CompletableFuture<Long> confirmedReadIndex() {
        long since = System.nanoTime();
        RaftServer.Division d = division();
        RaftGroupId group = groupId;
        if (d == null || group == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not a member of a cluster"));
        }
        if (!d.getInfo().isLeader() || !d.getInfo().isLeaderReady()) {
            return CompletableFuture.failedFuture(new LeaderNotReadyException(d.getMemberId()));
        }
        long term = d.getInfo().getCurrentTerm();
        long index = d.getRaftLog().getLastCommittedIndex();
        RaftConfiguration conf = d.getRaftConf();
        return quorums.of(group).awaitMajoritySince(since, term, self.getId(), conf.getCurrentPeers(),
                conf.getPreviousPeers(), electionTimeoutMaxMs).thenApply(confirmed -> index);
    }

    private static ByteString content(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new java.util.concurrent.CompletionException(reply.getException());
        }
        return reply.getMessage().getContent();
    }

    public CompletableFuture<ByteString> registerRedisAddress(String redisAddress) {
        return submit(encode(LogOp.NODE_INFO, id(), redisAddress));
    }

    public CompletableFuture<ByteString> forgetNode(String id) {
        return submit(encode(LogOp.NODE_FORGET, id));
    }

    /** Proposes this node's requirepass (its SHA-256) as the default user's password; see {@link LogOp#DEFAULT_PASSWORD}. */
    public CompletableFuture<ByteString> proposeDefaultPassword(String sha256) {
        return submit(encode(LogOp.DEFAULT_PASSWORD, sha256));
    }

    public CompletableFuture<ByteString> sweepExpired() {
        return submit(new byte[] {(byte) LogOp.EXPIRE_SWEEP.ordinal()});
    }

    /** Proposes evicting {@code keys} (db index and key bytes each); see {@link EvictionEntry}. */
    public CompletableFuture<ByteString> evict(List<Map.Entry<Integer, byte[]>> keys) {
        return submit(EvictionEntry.encode(LogOp.EVICT, keys));
    }

    private static byte[] encode(LogOp op, String... fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(op.ordinal());
            for (String f : fields) {
                out.writeUTF(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // ---- membership (blocking: call from a worker thread, never an event loop) --------------

    /** Forms a new one-node cluster with this node as its only member. */
    public void bootstrap() throws IOException {
        RaftGroup group = RaftGroup.valueOf(pinnedGroupId != null ? pinnedGroupId : RaftGroupId.randomId(), self);
        try (RaftClient client = groupManagementClient(group)) {
            check(client.getGroupManagementApi(self.getId()).add(group));
        }
        resetClients();
    }

    /** Adds {@code peer} (running, with no group) as a voting member; returns when committed. */
    public void addMember(RaftPeer peer) throws IOException {
        List<RaftPeer> next = new ArrayList<>(members());
        next.add(peer);
        RaftGroupId ours = groupId;
        RaftGroup group = RaftGroup.valueOf(ours, next);
        try (RaftClient joiner = groupManagementClient(RaftGroup.valueOf(ours, peer))) {
            GroupListReply groups;
            try {
                groups = joiner.getGroupManagementApi(peer.getId()).list();
            } catch (IOException e) {
                throw new IOException("cannot reach node " + peer.getId() + " at " + peer.getAddress()
                        + (tls == null ? "" : " over Raft TLS (is its certificate signed by this cluster's CA, "
                        + "with --tls-replication yes?)") + ": " + e.getMessage(), e);
            }
            if (groups.getGroupIds().contains(ours)) {
                // A retried JOIN: the node already holds this cluster's group; finish the change.
                RoleInfoProto role = joiner.getGroupManagementApi(peer.getId()).info(ours).getRoleInfoProto();
                if (role.getRole() == org.apache.ratis.proto.RaftProtos.RaftPeerRole.LEADER) {
                    throw new IOException("node " + peer.getId() + " already leads a cluster of its own; "
                            + "only an empty node can JOIN");
                }
            } else if (!groups.getGroupIds().isEmpty()) {
                throw new IOException("node " + peer.getId() + " already belongs to another cluster (cluster id "
                        + groups.getGroupIds().get(0).getUuid() + ", this cluster is " + ours.getUuid()
                        + "); only an empty node can JOIN");
            } else {
                check(joiner.getGroupManagementApi(peer.getId()).add(group));
            }
        }
        check(clients().admin().admin().setConfiguration(next));
    }

    /** Removes member {@code peer}; returns when the new configuration is committed. */
    public void removeMember(RaftPeer peer) throws IOException {
        List<RaftPeer> next = new ArrayList<>(members());
        next.removeIf(p -> p.getId().equals(peer.getId()));
        check(clients().admin().admin().setConfiguration(next));
    }

    /**
     * Tells a removed member to retire its copy of the group (renamed, not deleted), so it can be
     * joined again. Best effort: it may already be down; then it stays out of the cluster, which
     * ignores it.
     */
    public void retire(RaftPeer peer) {
        try (RaftClient removed = groupManagementClient(RaftGroup.valueOf(groupId, peer))) {
            removed.getGroupManagementApi(peer.getId()).remove(groupId, false, true);
        } catch (IOException e) {
            LOG.info("removed node {} did not retire its group: {}", peer.getId(), e.toString());
        }
        if (peer.getId().equals(self.getId())) {
            resetClients();
        }
    }

    /** What {@link #retire} asks of a removed member, done by the member itself. */
    private void retireSelf(RaftGroupId group) throws IOException {
        closeOwnMember(group, true);
        resetClients();
    }

    /** Closes this server's member of {@code group}; its directory is renamed aside or left in place. */
    private void closeOwnMember(RaftGroupId group, boolean renameDirectory) throws IOException {
        check(server.groupManagement(GroupManagementRequest.newRemove(localClientId, self.getId(),
                localCallIds.incrementAndGet(), group, false, renameDirectory)));
    }

    /**
     * Runs {@code task} on the background thread, for Ratis callbacks; dropped once the node is
     * closing. (Thrown on Ratis's apply thread, the refusal killed it, and close then waited out
     * its 10 s bound for the Raft server to stop.)
     */
    private void inBackground(Runnable task) {
        try {
            background.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the node is closing
        }
    }

    /**
     * Writes a snapshot of this node's state now and compacts its log; returns its index. The
     * state machine writes snapshots in the background (see RedraftStateMachine.takeSnapshot):
     * the first request starts one, or meets one already under way, and once a write covering
     * the state at the call has landed, a last request hands it to Ratis, which purges the log.
     */
    public long snapshot(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        RedraftStateMachine sm = stateMachine();
        long wanted = sm == null ? 0 : lastAppliedIndex();
        while (true) {
            RaftClientReply reply = clients().admin().getSnapshotManagementApi(self.getId())
                    .create(true, remainingMs(deadline, timeoutMs));
            check(reply);
            long index = reply.getLogIndex();
            CompletableFuture<Long> writing = sm == null ? null : sm.snapshotWrite();
            if (index >= 0 && index >= wanted) {
                return index;
            }
            if (writing == null) {
                if (sm != null && sm.lastSnapshotFailed()) {
                    throw new IOException("snapshot failed: " + sm.lastSnapshotError());
                }
                if (index < 0) {
                    return index; // nothing applied yet: nothing to snapshot
                }
                continue; // an older write was just reported: the next request starts ours
            }
            try {
                writing.get(remainingMs(deadline, timeoutMs), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException("snapshot failed: " + sm.lastSnapshotError(), e.getCause());
            } catch (TimeoutException e) {
                remainingMs(deadline, timeoutMs); // throws once the deadline has passed; else ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while a snapshot was written");
            }
        }
    }

    /** Milliseconds left until {@code deadline} (System.nanoTime), or an IOException when none are. */
    private static long remainingMs(long deadline, long timeoutMs) throws IOException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw new IOException("no snapshot written within " + timeoutMs + " ms");
        }
        return ms;
    }

    private static void check(RaftClientReply reply) throws IOException {
        if (!reply.isSuccess()) {
            throw reply.getException() != null ? reply.getException() : new IOException("request failed");
        }
    }

    /**
     * Configuration entries also replay while a node catches up, so a conf without this node
     * does not mean it was removed; REMOVE retires the removed node's group explicitly instead.
     */
    private void onConfigurationChanged() {
        resetClients();
        onMembershipChange.run();
    }

    // ---- clients -----------------------------------------------------------------------------

    private synchronized Clients clients() {
        if (clients == null && hasGroup()) {
            RaftGroup group = RaftGroup.valueOf(groupId, members());
            RaftClient writes = newClient(group, RaftSettings.retry(50));
            RaftClient reads = newClient(group, RaftSettings.retry(30));
            RaftClient admin = newClient(group, RaftSettings.retry(100), RaftSettings.groupManagementClient());
            clients = new Clients(writes, reads, admin);
        }
        return clients;
    }

    /** Rebuilds clients from the current membership; old ones are closed once in-flight calls drain. */
    private synchronized void resetClients() {
        Clients old = clients;
        clients = null;
        availability = null;
        if (old != null) {
            background.schedule(() -> closeQuietly(old), 30, TimeUnit.SECONDS);
        }
    }

    private RaftClient newClient(RaftGroup group, org.apache.ratis.retry.RetryPolicy retry) {
        return newClient(group, retry, RaftSettings.client());
    }

    /** For one-off group operations on a single server (add, remove, list): no retries, patient. */
    private RaftClient groupManagementClient(RaftGroup group) {
        return newClient(group, RetryPolicies.noRetry(), RaftSettings.groupManagementClient());
    }

    private RaftClient newClient(RaftGroup group, org.apache.ratis.retry.RetryPolicy retry, RaftProperties properties) {
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setProperties(properties)
                .setRetryPolicy(retry)
                .setParameters(RaftSettings.parameters(tls))
                .build();
    }

    /**
     * Hands this node's leadership to the follower that has the most of the log, so a node
     * shutting down costs clients no election timeout. True if another member leads when this returns.
     */
    public boolean transferLeadership(long timeoutMs) {
        return isLeader() && transferLeadershipAwayFrom(id(), timeoutMs);
    }

    /**
     * Asks the leader {@code from} (this node or another) to hand leadership to the member that
     * has the most of the log (as far as this node knows; Ratis lets the target catch up first).
     * True if {@code from} no longer leads when this returns.
     */
    public boolean transferLeadershipAwayFrom(String from, long timeoutMs) {
        if (clients() == null || !from.equals(leaderId()) || members().size() < 2) {
            return false;
        }
        Map<String, Long> match = matchIndexes();
        for (RaftPeer p : members()) {
            match.putIfAbsent(p.getId().toString(), -1L);
        }
        match.remove(from);
        String best = match.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (best == null) {
            return false;
        }
        // Its own client, aimed at the leader: no retries, and no longer than the transfer may
        // take (the shared admin client is patient, for membership changes).
        try (RaftClient once = RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(RaftGroup.valueOf(groupId, members()))
                .setLeaderId(RaftPeerId.valueOf(from))
                .setProperties(RaftSettings.clientWithTimeout(timeoutMs + 1000))
                .setRetryPolicy(RetryPolicies.noRetry())
                .setParameters(RaftSettings.parameters(tls))
                .build()) {
            RaftClientReply reply = once.admin().transferLeadership(RaftPeerId.valueOf(best), timeoutMs);
            if (reply.isSuccess()) {
                LOG.info("leadership handed from {} to {}", from, best);
            } else {
                LOG.warn("leadership transfer from {} to {} refused: {}", from, best, reply.getException());
            }
            return reply.isSuccess();
        } catch (IOException | RuntimeException e) {
            LOG.warn("leadership transfer from {} to {} failed: {}", from, best, e.toString());
            return false;
        }
    }

    public ScheduledExecutorService background() {
        return background;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("close failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        background.shutdownNow();
        Clients c = clients;
        if (c != null) {
            closeQuietly(c);
        }
        // Ratis's StateMachineUpdater stops only once it has applied up to the commit index, and
        // stops applying once asked to stop: if the commit index moves in between (entries from
        // the new leader arriving during close) it spins forever. Catch up first, and never let a
        // stuck close keep the process alive: every acknowledged entry is fsynced already.
        RedraftStateMachine sm = stateMachine;
        if (sm != null && hasGroup()) {
            try {
                sm.awaitApplied(commitIndex()).get(CLOSE_CATCH_UP_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("closing before the state machine caught up", e);
            }
        }
        Thread closer = new Thread(() -> {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("closing the Raft server failed", e);
            }
        }, "raft-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("the Raft server did not stop within {} ms; leaving it (the log is fsynced)", CLOSE_TIMEOUT_MS);
        }
    }
}
