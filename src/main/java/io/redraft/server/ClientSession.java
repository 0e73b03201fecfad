package io.redraft.server;

import io.redraft.command.NodeServices;
import io.redraft.command.Session;
import io.redraft.command.Transaction;
import io.redraft.command.Watches;
import io.redraft.pubsub.Subscriptions;
import io.redraft.resp.Reply;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One connection's state: protocol version, selected database, name, read mode. */
final class ClientSession implements Session {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private String remoteAddress;
    private final NodeServices node;
    /** Volatile: pub/sub pushes are encoded off the connection's thread. */
    private volatile int protocol = 2;
    private String name = "";
    private int db;
    private boolean staleReads;
    private boolean closeAfterReply;
    private String libName;
    private String libVer;
    private Transaction transaction;
    private final Watches watches = new Watches();
    private volatile Consumer<Reply> pushTarget = frame -> {};
    private final Subscriptions subscriptions;
    private final long createdAt = System.currentTimeMillis();
    private volatile long lastCommandAt = createdAt;
    /** Commands started and not yet answered (a blocked BLPOP keeps its client from being idle). */
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String lastCommand;
    private volatile boolean noEvict;
    private volatile boolean noTouch;
    private volatile boolean killed;
    private volatile io.netty.channel.Channel channel;
    private String localAddress = "";
    private volatile String user = "default";
    private volatile boolean authenticated;

    ClientSession(String remoteAddress, NodeServices node) {
        this.remoteAddress = remoteAddress;
        this.node = node;
        // As Redis's createClient: logged in as the default user when it needs no password.
        io.redraft.command.Acl acl = node == null ? null : node.acl();
        this.authenticated = acl == null || acl.loginWithoutAuth();
        this.subscriptions = new Subscriptions(node.pubsub(), frame -> pushTarget.accept(frame));
    }

    /** Where pub/sub messages go: the connection's handler, which writes them out of band. */
    void pushTo(Consumer<Reply> target) {
        this.pushTarget = target;
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

    /** Binds the session to its channel so CLIENT KILL from another connection can close it. */
    void attach(io.netty.channel.Channel channel) {
        this.channel = channel;
        this.localAddress = ipPort(channel.localAddress());
        this.remoteAddress = ipPort(channel.remoteAddress());
    }

    /** The handler serving this connection, or null before it is attached or after it closed. */
    ClientHandler handler() {
        io.netty.channel.Channel c = channel;
        return c == null ? null : c.pipeline().get(ClientHandler.class);
    }

    /** Redis's address form, ip:port (Netty's toString adds a leading slash). */
    static String ipPort(java.net.SocketAddress address) {
        if (address instanceof java.net.InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return String.valueOf(address);
    }

    /** Records a command about to run; returns its full name (client|list), or null if unknown. */
    io.redraft.command.CommandSpec noteCommand(io.redraft.command.CommandTable table, byte[][] argv) {
        io.redraft.command.CommandSpec spec = table.lookupCommand(argv, 0);
        running.incrementAndGet();
        lastCommandAt = System.currentTimeMillis();
        lastCommand = spec == null ? null : spec.name();
        return spec;
    }

    /** A command noted by {@link #noteCommand} was answered. */
    void commandDone() {
        lastCommandAt = System.currentTimeMillis();
        running.decrementAndGet();
    }

    /** Nothing running and nothing received for {@code millis} (the idle timeout's test). */
    boolean isIdleFor(long millis, long now) {
        return running.get() == 0 && now - lastCommandAt > millis;
    }

    @Override
    public String localAddress() {
        return localAddress;
    }

    @Override
    public long createdAtMillis() {
        return createdAt;
    }

    @Override
    public long lastCommandAtMillis() {
        return lastCommandAt;
    }

    @Override
    public String lastCommand() {
        return lastCommand;
    }

    @Override
    public boolean noEvict() {
        return noEvict;
    }

    @Override
    public void setNoEvict(boolean on) {
        noEvict = on;
    }

    @Override
    public boolean noTouch() {
        return noTouch;
    }

    @Override
    public void setNoTouch(boolean on) {
        noTouch = on;
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> kill() {
        killed = true;
        io.netty.channel.Channel c = channel;
        if (c == null) {
            return null;
        }
        java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
        c.close().addListener(f -> closed.complete(null));
        return closed;
    }

    /**
     * Whether kill() was called: the close runs later on the connection's event loop, and a
     * request read before it must not be answered (Redis closes such a connection at once).
     */
    boolean killed() {
        return killed;
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
        return staleReads;
    }

    @Override
    public void setStaleReads(boolean stale) {
        this.staleReads = stale;
    }

    @Override
    public void closeAfterReply() {
        closeAfterReply = true;
    }

    /** Returns and clears the QUIT request, so it applies to exactly one reply. */
    boolean takeCloseAfterReply() {
        boolean close = closeAfterReply;
        closeAfterReply = false;
        return close;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
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
}
