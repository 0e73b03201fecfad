package io.redraft.raft;

import java.util.concurrent.atomic.LongAdder;

/** How well batching works: commands per log entry and per read barrier, and their latency. */
public final class BatchStats {
    private final LongAdder writeEntries = new LongAdder();
    private final LongAdder writeCommands = new LongAdder();
    private final LongAdder writeNanos = new LongAdder();
    private final LongAdder readBarriers = new LongAdder();
    private final LongAdder readCommands = new LongAdder();
    private final LongAdder readNanos = new LongAdder();

    void writeEntry(int commands, long nanos) {
        writeEntries.increment();
        writeCommands.add(commands);
        writeNanos.add(nanos);
    }

    void readBarrier(int commands, long nanos) {
        readBarriers.increment();
        readCommands.add(commands);
        readNanos.add(nanos);
    }

    public long writeEntries() {
        return writeEntries.sum();
    }

    public long writeCommands() {
        return writeCommands.sum();
    }

    /** Mean time from sending an entry to having its replies, in microseconds. */
    public long writeEntryMicros() {
        long n = writeEntries.sum();
        return n == 0 ? 0 : writeNanos.sum() / n / 1000;
    }

    public long readBarriers() {
        return readBarriers.sum();
    }

    public long readCommands() {
        return readCommands.sum();
    }

    public long readBarrierMicros() {
        long n = readBarriers.sum();
        return n == 0 ? 0 : readNanos.sum() / n / 1000;
    }
}
