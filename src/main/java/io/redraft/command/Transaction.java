package io.redraft.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection's MULTI block: the commands queued so far, and whether one of them was refused
 * while queueing (then EXEC answers EXECABORT, as Redis does).
 */
public final class Transaction {
    private final List<byte[][]> queued = new ArrayList<>();
    private boolean aborted;

    void queue(byte[][] argv) {
        queued.add(argv);
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
