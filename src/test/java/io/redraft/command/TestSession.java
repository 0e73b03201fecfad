package io.redraft.command;

import io.redraft.pubsub.PubSubHub;
import io.redraft.pubsub.Subscriptions;
import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A plain in-memory session with a node that records what it was asked. */
final class TestSession implements Session {
    final long id;
    int protocol = 2;
    String name;
    int db;
    boolean stale;
    boolean closing;
    String libName;
    String libVer;
    Transaction transaction;
    final Watches watches = new Watches();
    final TestNode node;
    /** Pub/sub frames pushed to this session, in order. */
    final List<Reply> pushed = java.util.Collections.synchronizedList(new ArrayList<>());
    final Subscriptions subscriptions;
    String user = "default";
    boolean authenticated = true;

    TestSession(long id) {
        this(id, new TestNode());
    }

    /** A session on a shared node, so several clients see each other's pub/sub. */
    TestSession(long id, TestNode node) {
        this.id = id;
        this.node = node;
        this.subscriptions = new Subscriptions(node.pubsub, pushed::add);
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public void setUser(String user) {
        this.user = user;
    }

    @Override
    public boolean authenticated() {
        return authenticated;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    @Override
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    public Transaction transaction() {
        return transaction;
    }

    @Override
    public void setTransaction(Transaction transaction) {
        this.transaction = transaction;
    }

    @Override
    public Watches watches() {
        return watches;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void setProtocol(int protocol) {
        this.protocol = protocol;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public int db() {
        return db;
    }

    @Override
    public void setDb(int db) {
        this.db = db;
    }

    @Override
    public boolean staleReads() {
        return stale;
    }

    @Override
    public void setStaleReads(boolean stale) {
        this.stale = stale;
    }

    @Override
    public void closeAfterReply() {
        closing = true;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:50000";
    }

    @Override
    public NodeServices node() {
        return node;
    }

    @Override
    public String libName() {
        return libName;
    }

    @Override
    public void setLibName(String libName) {
        this.libName = libName;
    }

    @Override
    public String libVer() {
        return libVer;
    }

    @Override
    public void setLibVer(String libVer) {
        this.libVer = libVer;
    }

    /** Runs a command through the executor, the way a connection does (MULTI queueing included). */
    String execute(String... args) {
        CommandExecutor executor = new CommandExecutor(DataHarness.TABLE, node.data, node.blocked);
        return Replies.show(executor.execute(this, Replies.argv(args)).toCompletableFuture().join());
    }

    /** Runs a command through the table as the executor would for a local command. */
    String run(String... args) {
        byte[][] argv = Replies.argv(args);
        CommandSpec spec = DataHarness.TABLE.lookup(argv[0]);
        if (spec == null) {
            return Replies.show(CommandExecutor.unknownCommand(argv));
        }
        if (!spec.arityOk(argv.length)) {
            return Replies.show(CommandExecutor.wrongArity(spec.name()));
        }
        Reply reply = ((Handler.Local) spec.handler()).handle(this, argv).toCompletableFuture().join();
        return Replies.show(reply);
    }

    static final class TestNode implements NodeServices {
        final List<String> calls = new ArrayList<>();

        private CompletionStage<Reply> record(String call) {
            calls.add(call);
            return CompletableFuture.completedFuture(Reply.status(call));
        }

        final PubSubHub pubsub = PubSubCommands.newHub();
        final InMemoryPath data = new InMemoryPath(pubsub);
        final BlockedClients blocked = new BlockedClients(data, () -> null, Long.MAX_VALUE);

        @Override
        public BlockedClients blockedClients() {
            return blocked;
        }

        @Override
        public PubSubHub pubsub() {
            return pubsub;
        }

        /** Set by ACL tests (over this node's store); null like a node without users. */
        Acl acl;

        @Override
        public Acl acl() {
            return acl;
        }

        /** Set by tests of maxmemory's CONFIG parameters; null like a node without one. */
        MemoryLimit memory;
        /** Set by tests of maxclients/timeout; null like a node without them. */
        ConnectionLimits limits;

        @Override
        public ConnectionLimits connectionLimits() {
            return limits;
        }

        @Override
        public MemoryLimit memory() {
            return memory;
        }

        @Override
        public CommandTable commands() {
            return DataHarness.TABLE;
        }

        @Override
        public ReplicatedPath replicated() {
            return data;
        }

        @Override
        public CompletionStage<Reply> bootstrap(String id, String raftAddress) {
            return record("bootstrap " + id + " " + raftAddress);
        }

        @Override
        public CompletionStage<Reply> join(String id, String raftAddress) {
            return record("join " + id + " " + raftAddress);
        }

        @Override
        public CompletionStage<Reply> remove(String id) {
            return record("remove " + id);
        }

        @Override
        public CompletionStage<Reply> leader() {
            return record("leader");
        }

        @Override
        public CompletionStage<Reply> nodes() {
            return record("nodes");
        }

        @Override
        public CompletionStage<Reply> snapshot() {
            return record("snapshot");
        }

        @Override
        public CompletionStage<Reply> shutdown(boolean save) {
            return record("shutdown " + (save ? "save" : "nosave"));
        }

        @Override
        public String info(String section) {
            return "# " + section + "\r\nx:1\r\n";
        }

        @Override
        public int connectedClients() {
            return 1;
        }
    }
}
