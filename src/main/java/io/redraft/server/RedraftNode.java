package io.redraft.server;

import io.redraft.cluster.ClusterAdmin;
import io.redraft.cluster.Evictor;
import io.redraft.cluster.MembershipAgent;
import io.redraft.command.BlockedClients;
import io.redraft.command.CommandExecutor;
import io.redraft.command.ConnectionLimits;
import io.redraft.command.CommandTable;
import io.redraft.command.LatencyMonitor;
import io.redraft.command.MemoryGatedPath;
import io.redraft.command.MemoryLimit;
import io.redraft.command.Acl;
import io.redraft.command.NodeServices;
import io.redraft.command.PubSubCommands;
import io.redraft.command.ReplicatedPath;
import io.redraft.command.SlowLog;
import io.redraft.pubsub.PubSubHub;
import io.redraft.raft.RaftNode;
import io.redraft.raft.ReplicatedStore;
import io.redraft.resp.Reply;
import io.redraft.store.AclTable;
import io.redraft.store.Key;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Redraft process: the Raft member, the RESP listener, and the wiring between them. */
public final class RedraftNode implements NodeServices, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedraftNode.class);
    /** Longer than a leader change takes, so an election does not end blocked clients' waits. */
    private static final long BLOCKED_CLUSTERDOWN_AFTER_MS = 10_000;

    private final ServerConfig config;
    private final CommandTable commands = CommandTable.standard();
    private final RaftNode raft;
    private final ReplicatedStore data;
    private final BlockedClients blocked;
    private final ClusterAdmin admin;
    private final MembershipAgent agent;
    private final RespServer resp = new RespServer();
    private final PubSubHub pubsub = PubSubCommands.newHub();
    private final InfoReport info;
    private static final long DRAIN_MILLIS = 2_000;
    private static final long TRANSFER_MILLIS = 3_000;

    private final MemoryLimit memory;
    private final ServerStats stats = new ServerStats();
    /** SLOWLOG, LATENCY and the Prometheus metrics (when metrics_addr is set) hear of every command and Raft event. */
    private final NodeMonitor monitor;
    private PrometheusMetrics metrics;
    private final ReplicaWaiter waiter;
    private final io.redraft.command.ClientPause pause = new io.redraft.command.ClientPause();
    private final ConnectionLimits connectionLimits;
    /** The settings as CONFIG GET/SET see them; run-time changes reach memory, connectionLimits, the log level. */
    private final LiveSettings live;
    private final Evictor evictor;
    /** The data path clients use: maxmemory is enforced here before the log. */
    private final MemoryGatedPath gated;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Acl acl;
    /** The commit index this node's log had at startup; -1 until known. */
    private volatile long startupCommitIndex = -1;
    /** The users while this node has no group yet: a fresh server's. */
    private final AclTable noGroupUsers = new AclTable();
    private final long startedAt = System.currentTimeMillis();
    /** The web dashboard, when --http-addr is set. */
    private volatile DashboardServer dashboard;
    /** Why the node stopped on its own (its Raft log failed), or null. */
    private volatile String failure;

    private RedraftNode(ServerConfig config) throws IOException {
        this.config = config;
        config.get(Settings.LOGLEVEL).apply();
        this.raft = new RaftNode(config.id(), config.raftAddr().host(), config.raftAddr().port(),
                config.dataDir(), config.snapshotThreshold(), config.get(Settings.ELECTION_TIMEOUT_MIN),
                config.get(Settings.ELECTION_TIMEOUT_MAX), commands, config.clusterId(), config.tls().raft());
        this.admin = new ClusterAdmin(raft, config.redisAddr().toString());
        this.acl = new Acl(this::aclTable, config.requirepass(), this::replayedStartupLog);
        this.agent = new MembershipAgent(raft, config.redisAddr().toString(), acl.requirepassHash());
        this.data = new ReplicatedStore(raft);
        raft.onPublished(pubsub::deliver);
        this.connectionLimits = new ConnectionLimits(config.maxclients(), config.timeout());
        connectionLimits.outputBuffers().set(config.get(Settings.CLIENT_OUTPUT_BUFFER_LIMIT));
        connectionLimits.setQueryBufferLimit(config.get(Settings.CLIENT_QUERY_BUFFER_LIMIT));
        this.memory = new MemoryLimit(config.maxmemory(), config.maxmemoryPolicy(), this::usedMemory);
        this.monitor = new NodeMonitor(new SlowLog(config.get(Settings.SLOWLOG_LOG_SLOWER_THAN),
                config.get(Settings.SLOWLOG_MAX_LEN)), new LatencyMonitor(config.get(Settings.LATENCY_MONITOR_THRESHOLD)));
        this.live = new LiveSettings(config)
                .onChange(Settings.MAXMEMORY, memory::setMaxBytes)
                .onChange(Settings.MAXMEMORY_POLICY, memory::setPolicy)
                .onChange(Settings.MAXCLIENTS, n -> connectionLimits.setMaxClients((int) (long) n))
                .onChange(Settings.TIMEOUT, connectionLimits::setIdleTimeoutSeconds)
                .onChange(Settings.LOGLEVEL, LogLevel::apply)
                .onChange(Settings.SLOWLOG_LOG_SLOWER_THAN, monitor.slowLog()::setSlowerThanMicros)
                .onChange(Settings.SLOWLOG_MAX_LEN, monitor.slowLog()::setMaxLen)
                .onChange(Settings.LATENCY_MONITOR_THRESHOLD, monitor.latency()::setThresholdMillis)
                .onChange(Settings.CLIENT_OUTPUT_BUFFER_LIMIT, connectionLimits.outputBuffers()::set)
                .showing(Settings.CLIENT_OUTPUT_BUFFER_LIMIT, connectionLimits.outputBuffers()::redisValue)
                .onChange(Settings.CLIENT_QUERY_BUFFER_LIMIT, connectionLimits::setQueryBufferLimit);
        this.evictor = new Evictor(raft, memory);
        this.gated = new MemoryGatedPath(data, commands, memory, evictor);
        this.blocked = new BlockedClients(gated, raft::unavailableReason, BLOCKED_CLUSTERDOWN_AFTER_MS);
        raft.onData(new RaftNode.DataListener() {
            @Override
            public void keysStored(Map<Integer, Set<Key>> keys) {
                keys.forEach(blocked::keysStored);
            }

            @Override
            public void storeReplaced() {
                blocked.storeReplaced();
            }

            @Override
            public void usersChanged() {
                closeDeletedUsersConnections();
            }
        });
        this.info = new InfoReport(config, raft, data.stats(), this::connectedClients, startedAt)
                .with(stats, memory);
        resp.useStats(stats);
        stats.monitorWith(monitor);
        raft.observe(monitor);
        this.waiter = new ReplicaWaiter(raft);
        // A member whose log cannot be written, or whose group Ratis closed, would answer PING but
        // never apply another write: stop instead (clients told why), so a supervisor restarts it.
        raft.onFailure(reason -> {
            failure = reason;
            close();
        });
        warnIfHeapTooSmall(config.maxmemory());
    }

    /** Starts a node; throws BindException when a port is taken, IOException for a bad data dir. */
    public static RedraftNode start(ServerConfig config) throws IOException {
        prepareDataDir(config.dataDir());
        checkPortFree(config.redisAddr(), "redis");
        checkPortFree(config.raftAddr(), "raft");
        if (config.tls().port() > 0) {
            checkPortFree(config.tlsAddr(), "TLS");
        }
        io.netty.handler.ssl.SslContext tls;
        try {
            TlsContexts.check(config.tls());
            tls = config.tls().port() > 0 ? TlsContexts.server(config.tls()) : null;
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (config.metricsAddr() != null) {
            checkPortFree(config.metricsAddr(), "metrics");
        }
        RedraftNode node = new RedraftNode(config);
        try {
            node.raft.start();
            node.startMetrics();
            // Messages committed before this process started must not reach its new subscribers
            // when the log is replayed. (Not the uncommitted tail: a new leader may replace it.)
            node.pubsub.skipReplayThrough(node.raft.commitIndex());
            node.startupCommitIndex = node.raft.commitIndex();
            node.resp.start(config.redisAddr(), config.tlsAddr(), tls,
                    new CommandExecutor(node.commands, node.gated, node.blocked, node.pause), node);
            node.agent.start();
            node.evictor.start();
            node.raft.background().scheduleWithFixedDelay(
                    () -> node.stats.sample(System.currentTimeMillis(), node.usedMemory(),
                            node.data.stats().writeCommands(), node.raft.lastAppliedIndex()), 100, 100,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            node.joinOnFirstStart();
            if (config.httpAddr() != null) {
                ClusterStatus status = new ClusterStatus(config, node.raft, node.admin, node.stats,
                        node::connectedClients, node.startedAt);
                node.dashboard = DashboardServer.start(config.httpAddr(), status::json);
            }
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        LOG.info("node {} serving Redis on {}{} (raft {}{}, data {})", config.id(), config.redisAddr(),
                tls == null ? "" : " and TLS on " + config.tlsAddr(), config.raftAddr(),
                config.tls().replication() ? " over mutual TLS" : "", config.dataDir());
        return node;
    }

    private void startMetrics() throws IOException {
        HostPort addr = config.metricsAddr();
        if (addr == null) {
            return;
        }
        try {
            metrics = new PrometheusMetrics(addr, raft, this::connectedClients, this::usedMemory);
        } catch (IOException e) {
            throw new BindException("metrics address " + addr + " is not usable: " + e.getMessage());
        }
        monitor.export(metrics);
        LOG.info("serving Prometheus metrics on http://{}/metrics", addr);
    }

    private static void prepareDataDir(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", null);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException("data dir " + dir + " is not writable: " + e.getMessage(), e);
        }
    }

    /** Ratis binds lazily on another thread; check first so a taken port is a clear startup error. */
    private static void checkPortFree(HostPort address, String what) throws BindException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(address.toSocketAddress());
        } catch (IOException e) {
            throw new BindException(what + " address " + address + " is already in use");
        }
    }

    /** --bootstrap / --join apply only to a node with no stored membership. */
    private void joinOnFirstStart() {
        if (raft.hasGroup()) {
            if (config.bootstrap() || config.join() != null) {
                LOG.info("stored membership found; ignoring --bootstrap/--join");
            }
            return;
        }
        if (config.bootstrap()) {
            Thread t = new Thread(() -> report(bootstrap(config.id(), config.raftAddr().toString())), "bootstrap");
            t.setDaemon(true);
            t.start();
        } else if (config.join() != null) {
            Thread t = new Thread(this::askToJoin, "join");
            t.setDaemon(true);
            t.start();
        } else {
            LOG.info("no cluster yet: waiting for BOOTSTRAP, or for a member to JOIN this node");
        }
    }

    private void report(CompletionStage<Reply> result) {
        Reply r = result.toCompletableFuture().join();
        if (r instanceof Reply.Error e) {
            LOG.error("bootstrap failed: {}", e.text());
        } else {
            LOG.info("bootstrapped a new cluster");
        }
    }

    /** Asks the member at --join to add this node, retrying while that member is not ready. */
    private void askToJoin() {
        long deadline = System.currentTimeMillis() + 120_000;
        String last = null;
        while (System.currentTimeMillis() < deadline && !raft.hasGroup() && closed.getCount() > 0) {
            // With --tls-replication, --join names the member's TLS port and this node shows its certificate.
            try (RespClient client = new RespClient(config.join(), 30_000,
                    config.tls().replication() ? TlsContexts.client(config.tls()) : null)) {
                client.authenticate(config.requirepass());
                client.call("JOIN", config.id(), config.raftAddr().toString());
                LOG.info("joined the cluster through {}", config.join());
                return;
            } catch (RuntimeException | IOException | ConfigException e) {
                last = e.getMessage();
                LOG.debug("join through {} failed: {}", config.join(), last);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!raft.hasGroup()) {
            LOG.error("could not join through {}: {}; still waiting for a member to JOIN this node",
                    config.join(), last);
        }
    }

    public void awaitTermination() throws InterruptedException {
        closed.await();
    }

    /** Why the node stopped on its own, or null if it was asked to stop (or still runs). */
    public String failure() {
        return failure;
    }

    /** Whether the node stopped because its Raft log could not be written (a full disk, an I/O error). */
    public boolean logFailed() {
        return raft.logFailure() != null;
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        // Graceful: no new clients and no new requests; those already read are answered (while
        // this node still leads, so none is cut off by the leader change); then leadership goes
        // to the most up-to-date follower so the cluster does not wait an election timeout for
        // this node. Requests clients send meanwhile are never read: their connection closes.
        resp.stopAccepting();
        resp.pauseReading();
        if (dashboard != null) {
            dashboard.close();
        }
        agent.close();
        try {
            long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
            if (!resp.awaitAnswered(DRAIN_MILLIS)) {
                LOG.info("shutting down with client requests still unanswered after {} ms", DRAIN_MILLIS);
            }
            data.awaitIdle(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (raft.transferLeadership(TRANSFER_MILLIS)) {
            LOG.info("handed leadership to {} before shutting down", raft.leaderId());
        }
        evictor.close();
        gated.close();
        pause.close();
        resp.close();
        if (metrics != null) {
            metrics.close();
        }
        admin.close();
        try {
            raft.close();
        } catch (IOException e) {
            LOG.warn("error closing raft", e);
        }
        closed.countDown();
    }

    /** The store's estimate of its keys and values, in bytes. */
    /**
     * The replicated ACL users of this node's group (or of its last one after REMOVE, so a removed
     * node does not fall open), or a fresh table before it ever had one. Called per command.
     */
    private AclTable aclTable() {
        io.redraft.raft.RedraftStateMachine sm = raft.lastStateMachine();
        return sm == null ? noGroupUsers : sm.store().acl();
    }

    /**
     * As Redis: connections of a deleted user are closed, and subscribers whose user lost access
     * to one of their channels. Runs on the apply thread; kill() only starts closing.
     */
    private void closeDeletedUsersConnections() {
        for (io.redraft.command.Session s : resp.sessions()) {
            if (acl.mustDisconnect(s)) {
                s.kill();
            }
        }
    }

    /** Whether the entries committed before this process started are applied (the users table is current). */
    private boolean replayedStartupLog() {
        long target = startupCommitIndex;
        io.redraft.raft.RedraftStateMachine sm = raft.lastStateMachine();
        if (target < 0) {
            return false;
        }
        if (sm == null) {
            return true;
        }
        org.apache.ratis.server.protocol.TermIndex applied = sm.getLastAppliedTermIndex();
        return applied != null && applied.getIndex() >= target;
    }

    @Override
    public Acl acl() {
        return acl;
    }

    private long usedMemory() {
        io.redraft.raft.RedraftStateMachine sm = raft.stateMachine();
        return sm == null ? 0 : sm.store().usedBytes();
    }

    /**
     * maxmemory bounds the estimated data, not the heap: the Raft log cache, snapshots and
     * connections need the rest, so a limit above half the heap risks the JVM running out first.
     */
    private static void warnIfHeapTooSmall(long maxmemory) {
        long heap = Runtime.getRuntime().maxMemory();
        if (maxmemory > 0 && heap != Long.MAX_VALUE && maxmemory > heap / 2) {
            LOG.warn("maxmemory {} is more than half the JVM heap ({}); raise -Xmx to at least {} bytes",
                    maxmemory, heap, 2 * maxmemory);
        }
    }

    // ---- NodeServices ------------------------------------------------------------------------

    @Override
    public CommandTable commands() {
        return commands;
    }

    @Override
    public ReplicatedPath replicated() {
        return gated;
    }

    @Override
    public BlockedClients blockedClients() {
        return blocked;
    }

    @Override
    public CompletionStage<Reply> bootstrap(String id, String raftAddress) {
        return admin.bootstrap(id, raftAddress);
    }

    @Override
    public CompletionStage<Reply> join(String id, String raftAddress) {
        return admin.join(id, raftAddress);
    }

    @Override
    public CompletionStage<Reply> remove(String id) {
        return admin.remove(id);
    }

    @Override
    public CompletionStage<Reply> leader() {
        return CompletableFuture.completedFuture(admin.leader());
    }

    @Override
    public CompletionStage<Reply> nodes() {
        return CompletableFuture.completedFuture(admin.nodes());
    }

    @Override
    public CompletionStage<Reply> shutdown(boolean save) {
        CompletionStage<Reply> saved = save && raft.hasGroup()
                ? admin.snapshot() : CompletableFuture.completedFuture(Reply.OK);
        return saved.thenCompose(reply -> {
            if (reply instanceof Reply.Error e) {
                LOG.error("SHUTDOWN SAVE: snapshot failed: {}", e.text());
                return CompletableFuture.completedFuture(Reply.error("ERR Errors trying to SHUTDOWN. Check logs."));
            }
            LOG.info("SHUTDOWN requested by a client");
            Thread stopper = new Thread(this::close, "shutdown");
            stopper.start();
            return new CompletableFuture<Reply>(); // never answered: the connection closes with the node
        });
    }

    @Override
    public CompletionStage<Reply> snapshot() {
        return admin.snapshot();
    }

    @Override
    public String info(String section) {
        return info.render(section);
    }

    @Override
    public PubSubHub pubsub() {
        return pubsub;
    }

    @Override
    public MemoryLimit memory() {
        return memory;
    }

    @Override
    public ConnectionLimits connectionLimits() {
        return connectionLimits;
    }

    @Override
    public io.redraft.command.ClientPause clientPause() {
        return pause;
    }

    @Override
    public java.util.Collection<io.redraft.command.Session> clients() {
        return resp.sessions();
    }

    @Override
    public CompletionStage<Reply> waitForReplicas(long replicas, long timeoutMs) {
        return waiter.await(replicas, timeoutMs);
    }

    @Override
    public SlowLog slowLog() {
        return monitor.slowLog();
    }

    @Override
    public LatencyMonitor latencyMonitor() {
        return monitor.latency();
    }

    @Override
    public int connectedClients() {
        return resp.connectedClients();
    }

    @Override
    public java.util.List<io.redraft.command.ConfigParameter> configParameters() {
        return live.parameters();
    }

    @Override
    public Reply writeRefusal() {
        if (live.get(Settings.FOLLOWER_WRITES) == FollowerWrites.READONLY && !raft.isLeader()) {
            return Reply.error(FollowerWrites.READONLY_ERROR);
        }
        return null;
    }

    @Override
    public void resetStats() {
        stats.reset();
    }
}
