package io.redraft.raft;

/**
 * When to snapshot by log volume, next to Ratis's trigger by entry count (snapshot_threshold).
 * An entry carries a whole batch of commands (~100 under pipelined load), so 100,000 entries can
 * be 10 million commands: 1M small SETs left ~110 MB of log and no snapshot, and a restart
 * replayed all of it (~20 s on a loaded 2-core machine). Here a snapshot is due once the log
 * applied since the last one reaches half the last snapshot's size (at least {@link #MIN_BYTES}):
 * a restart replays at most that much, and snapshot writing costs at most ~2× the log's bytes.
 * Local to one node (snapshots are not replicated state), so nothing here needs determinism.
 */
final class SnapshotDue {
    static final long MIN_BYTES = 16L << 20;

    private long appliedBytes;
    private long threshold = MIN_BYTES;
    /** When the next request goes out: {@link #threshold}, pushed back after each request. */
    private long nextRequestAt = MIN_BYTES;

    /** An entry of {@code bytes} was applied; true when a snapshot should be requested now. */
    synchronized boolean applied(long bytes) {
        appliedBytes += bytes;
        if (appliedBytes < nextRequestAt) {
            return false;
        }
        nextRequestAt = appliedBytes + threshold; // a failed or slow request is retried later
        return true;
    }

    /** A snapshot of {@code fileBytes} was written or loaded: the log before it needs no replay. */
    synchronized void snapshotAt(long fileBytes) {
        appliedBytes = 0;
        threshold = Math.max(MIN_BYTES, fileBytes / 2);
        nextRequestAt = threshold;
    }
}
