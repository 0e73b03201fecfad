package io.redraft.command;

/** A client connection's state, as commands see it. */
public interface Session {
    long id();

    /** 2 or 3. */
    int protocol();

    void setProtocol(int protocol);

    String name();

    void setName(String name);

    int db();

    void setDb(int db);

    /** READONLY mode: reads are served locally and may be stale. */
    boolean staleReads();

    void setStaleReads(boolean stale);

    /** Close the connection once the current reply has been written (QUIT). */
    void closeAfterReply();

    String remoteAddress();

    NodeServices node();

    /** CLIENT SETINFO LIB-NAME / LIB-VER, shown by CLIENT INFO and CLIENT LIST; null until set. */
    String libName();

    void setLibName(String libName);

    String libVer();

    void setLibVer(String libVer);

    /** The open MULTI block, or null outside one. */
    Transaction transaction();

    void setTransaction(Transaction transaction);

    /** The keys this connection WATCHes (kept across MULTI, cleared by EXEC, DISCARD, UNWATCH, RESET). */
    Watches watches();

    /** This connection's pub/sub subscriptions; their messages are pushed to the connection out of band. */
    io.redraft.pubsub.Subscriptions subscriptions();

    // ---- ACL: the defaults suit sessions that are no connection (tests): the default user

    /** The ACL user this connection runs as ("default" until AUTH). */
    default String user() {
        return "default";
    }

    default void setUser(String user) {
    }

    /** Whether AUTH (or HELLO AUTH) succeeded, or the default user needed no password when the connection came. */
    default boolean authenticated() {
        return true;
    }

    default void setAuthenticated(boolean authenticated) {
    }

    // ---- CLIENT LIST / CLIENT KILL details; the defaults suit sessions that are no connection

    /** The server-side address of the connection ("" when none). */
    default String localAddress() {
        return "";
    }

    default long createdAtMillis() {
        return System.currentTimeMillis();
    }

    /** When the connection last sent a command. */
    default long lastCommandAtMillis() {
        return System.currentTimeMillis();
    }

    /** Full name of the last command (e.g. client|list), or null. */
    default String lastCommand() {
        return null;
    }

    /** CLIENT NO-EVICT / NO-TOUCH state, shown in CLIENT LIST's flags (e, T). */
    default boolean noEvict() {
        return false;
    }

    default void setNoEvict(boolean on) {
    }

    default boolean noTouch() {
        return false;
    }

    default void setNoTouch(boolean on) {
    }

    /**
     * Closes this connection (CLIENT KILL from another one); completes once it is closed, so the
     * killer's reply comes after. Null when this session cannot be closed.
     */
    default java.util.concurrent.CompletionStage<Void> kill() {
        return null;
    }
}
