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
    private final String remoteAddress;
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

    ClientSession(String remoteAddress, NodeServices node) {
        this.remoteAddress = remoteAddress;
        this.node = node;
        this.subscriptions = new Subscriptions(node.pubsub(), frame -> pushTarget.accept(frame));
    }

    /** Where pub/sub messages go: the connection's handler, which writes them out of band. */
    void pushTo(Consumer<Reply> target) {
        this.pushTarget = target;
    }

    @Override
    public Subscriptions subscriptions() {
        return subscriptions;
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
