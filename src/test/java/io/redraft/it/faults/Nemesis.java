package io.redraft.it.faults;

/**
 * A fault and its repair. A fault run alternates strike, wait, heal, wait for its duration; a
 * strike asserts it actually bit where that means something (e.g. a new leader got elected).
 * Instances keep what they struck until they heal it, so each run gets fresh ones.
 */
interface Nemesis {
    String name();

    /** The smallest cluster the fault makes sense on. */
    default int minNodes() {
        return 3;
    }

    /** Flags every node is started with for this nemesis. */
    default String[] nodeFlags() {
        return new String[0];
    }

    /** Prepares the cluster once it is formed, before the clients start. */
    default void setUp(FaultContext ctx) throws Exception {}

    void strike(FaultContext ctx) throws Exception;

    void heal(FaultContext ctx) throws Exception;
}
