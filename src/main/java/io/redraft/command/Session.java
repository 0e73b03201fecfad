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

    /**
     * CLIENT SETINFO LIB-NAME / LIB-VER, shown by CLIENT INFO and CLIENT LIST. The defaults keep
     * nothing; a connection that wants them reported overrides both pairs.
     */
    default String libName() {
        return null;
    }

    default void setLibName(String libName) {
    }

    default String libVer() {
        return null;
    }

    default void setLibVer(String libVer) {
    }
}
