package io.redraft.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection's MULTI block: the commands queued so far, and whether one of them was refused
 * while queueing (then EXEC answers EXECABORT, as Redis does).
 */
public final class Transaction {
    private final List<byte[][]> queued = new ArrayList<>();
    /** Where UNWATCHes were queued, as positions in the EXEC reply: they answer +OK there. */
    private final List<Integer> unwatches = new ArrayList<>();
    private boolean aborted;

    void queue(byte[][] argv) {
        queued.add(argv);
    }

    /** Redis queues UNWATCH inside MULTI; it runs after the watch check, so it only answers OK. */
    void queueUnwatch() {
        unwatches.add(queued.size() + unwatches.size());
    }

    List<Integer> unwatches() {
        return unwatches;
    }

    void abort() {
        aborted = true;
    }

    boolean aborted() {
        return aborted;
    }

    List<byte[][]> queued() {
        return queued;
    }
}
